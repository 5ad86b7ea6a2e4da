using System.Text;
using ControlPlane.Api.Problems;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace ControlPlane.Api.Json;

/// <summary>
/// The shell of <see cref="JsonBodyCheck"/>: for a route whose handler takes a JSON body (its <see cref="IAcceptsMetadata"/>
/// names the type), reads the body once (Kestrel's size limit applies), checks it against that type's contract and
/// answers a violation as its problem document; otherwise hands the same bytes on to the framework's binding.
/// Requests the framework refuses by itself (not JSON: 415; no body: <c>missing_body</c>) pass through untouched.
/// </summary>
public sealed class JsonBodyCheckMiddleware(RequestDelegate next, IOptions<HttpJsonOptions> json)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (context.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>() is { RequestType: { } bodyType } accepts
            && request.HasJsonContentType()
            && context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestBodyDetectionFeature>()?.CanHaveBody != false)
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, context.RequestAborted);
            var bytes = buffer.ToArray();
            request.Body = new MemoryStream(bytes, writable: false);
            if (AsUtf8(bytes, request) is { } utf8 && JsonBodyCheck.Check(utf8, json.Value.SerializerOptions.GetTypeInfo(bodyType), accepts.IsOptional) is { } violation)
            {
                throw new ApiProblemException(JsonProblems.From(violation));
            }
        }

        await next(context);
    }

    /// <summary>The body as UTF-8 (transcoded from the declared charset, as the framework's binding does), or null for an unknown charset.</summary>
    private static byte[]? AsUtf8(byte[] bytes, HttpRequest request)
    {
        if (!Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(request.ContentType, out var media)
            || !media.Charset.HasValue
            || media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            return bytes;
        }

        try
        {
            var encoding = Encoding.GetEncoding(media.Charset.Value!);
            return encoding.CodePage == Encoding.UTF8.CodePage ? bytes : Encoding.Convert(encoding, Encoding.UTF8, bytes);
        }
        catch (ArgumentException)
        {
            return null; // the framework refuses a charset it does not know; nothing to check here
        }
    }
}
