namespace ControlPlane.Api.Problems;

/// <summary>
/// The outermost middleware: any exception becomes a problem document (see <see cref="ExceptionProblems"/>),
/// so no raw 500 page ever leaves the gateway. Server faults are logged as errors, client faults at debug.
/// </summary>
public sealed class ProblemExceptionMiddleware(RequestDelegate next, ILogger<ProblemExceptionMiddleware> logger, ApiOptions options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await next(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
        }
        catch (Exception ex)
        {
            var problem = ExceptionProblems.From(ex, options.MaxRequestBodyBytes, context.Request);
            if (problem.Status >= 500)
            {
                logger.LogError(ex, "{Method} {Path} failed: {ErrorCode} ({Status})", context.Request.Method, context.Request.Path, problem.ErrorCode, problem.Status);
            }
            else
            {
                logger.LogDebug("{Method} {Path} rejected: {ErrorCode} ({Status}) {ExceptionType}", context.Request.Method, context.Request.Path, problem.ErrorCode, problem.Status, ex.GetType().Name);
            }

            if (context.Response.HasStarted)
            {
                context.Abort();
                return;
            }

            context.Response.Clear();
            await problem.WriteAsync(context);
        }
    }
}
