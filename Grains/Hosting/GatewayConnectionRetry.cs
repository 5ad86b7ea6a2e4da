using Microsoft.Extensions.Logging;
using Orleans;

namespace ControlPlane.Grains.Hosting;

/// <summary>
/// A cluster client started before any silo keeps trying, with capped exponential backoff, and says plainly that no
/// gateway answers instead of failing the host after Orleans' fixed number of attempts.
/// </summary>
internal sealed partial class GatewayConnectionRetry(ILogger<GatewayConnectionRetry> logger) : IClientConnectionRetryFilter
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(5);
    private int attempts;

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        var attempt = Interlocked.Increment(ref attempts);
        var delay = TimeSpan.FromMilliseconds(Math.Min(MaxDelay.TotalMilliseconds, 100 * Math.Pow(2, Math.Min(attempt, 10))));
        LogNoGateway(logger, attempt, delay, exception?.Message ?? "unknown");
        try
        {
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }

        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No gateway of the cluster answers (attempt {Attempt}); retrying in {Delay}: {Reason}")]
    private static partial void LogNoGateway(ILogger logger, int attempt, TimeSpan delay, string reason);
}
