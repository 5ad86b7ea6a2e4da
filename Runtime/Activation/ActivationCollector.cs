using ControlPlane.Runtime.Hosting;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Runtime.Activation;

/// <summary>
/// Idle collection: every collection quantum, deactivates activations that have had no request for their
/// collection age (default 15 minutes, per class with [CollectionAgeLimit] or configuration).
/// </summary>
internal sealed class ActivationCollector(Silo silo, ILogger<ActivationCollector> logger) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    public void Start() => _loop = Task.Run(LoopAsync);

    /// <summary>One scan; returns how many activations it asked to deactivate.</summary>
    public int CollectOnce()
    {
        var now = Environment.TickCount64;
        var collected = 0;
        foreach (var activation in silo.Catalog.Activations)
        {
            if (activation.IsIdleFor(now, activation.CollectionAge))
            {
                activation.Deactivate(new DeactivationReason(DeactivationReasonCode.ActivationIdle, $"Idle for at least {activation.CollectionAge}."));
                collected++;
            }
        }

        return collected;
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(silo.CollectionOptions.CollectionQuantum);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                var collected = CollectOnce();
                if (collected > 0)
                {
                    logger.LogDebug("Idle collection deactivated {Count} activations.", collected);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        _stop.Dispose();
    }
}
