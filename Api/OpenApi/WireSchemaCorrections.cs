using System.Reflection;
using ControlPlane.Api.Problems;
using ControlPlane.Grains.Abstractions.Vmms;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ControlPlane.Api.OpenApi;

/// <summary>
/// Makes generated schemas say what the server sends: problem documents carry <c>error_code</c>, <c>request_id</c> and
/// <c>message</c> (the last two required, as Dropshot's <c>Error</c>); a <c>Generation</c> is an integer; snake_case
/// enums are strings; a nullable reference property (a migration side) admits <c>null</c>.
/// </summary>
internal static class WireSchemaCorrections
{
    private static readonly NullabilityInfoContext Nullability = new();

    public static void Apply(OpenApiSchema schema, OpenApiSchemaTransformerContext context)
    {
        var type = context.JsonTypeInfo.Type;
        if (type == typeof(Microsoft.AspNetCore.Mvc.ProblemDetails))
        {
            schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
            schema.Properties[ProblemMembers.ErrorCode] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = "Stable machine-readable error code (invalid_spec, not_found, invalid_state, NO_SUCH_INSTANCE, ...).",
            };
            schema.Properties[ProblemMembers.RequestId] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = "Dropshot's request id: the x-request-id response header (the trace id when the request is traced).",
            };
            schema.Properties[ProblemMembers.Message] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The human-readable sentence (Dropshot's message)." };
            schema.Required = new HashSet<string>(StringComparer.Ordinal) { ProblemMembers.ErrorCode, ProblemMembers.RequestId, ProblemMembers.Message };
            schema.AdditionalPropertiesAllowed = true;
            schema.AdditionalProperties = null;
        }
        else if (type == typeof(Generation))
        {
            schema.Type = JsonSchemaType.Integer;
            schema.Format = "int64";
            schema.Minimum = "0";
        }
        else if (type.IsEnum && schema.Enum is { Count: > 0 })
        {
            schema.Type = JsonSchemaType.String;
        }

        if (context.JsonPropertyInfo?.AttributeProvider is PropertyInfo property
            && !property.PropertyType.IsValueType
            && Nullability.Create(property).ReadState == NullabilityState.Nullable
            && schema.Type is { } declared)
        {
            schema.Type = declared | JsonSchemaType.Null;
        }
    }
}
