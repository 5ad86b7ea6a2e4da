using ControlPlane.Grains.Abstractions.Sleds;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;

namespace ControlPlane.Grains.Sleds;

/// <summary>
/// Once the silo is active, tells the sled inventory which sleds this silo hosts (in the background, retrying with
/// backoff until the inventory answers), so the inventory learns every sled of the cluster from the silos themselves.
/// </summary>
internal sealed partial class SledAnnouncer(SledConfiguration sleds, IGrainFactory grains, ILocalSiloDetails silo, ILogger<SledAnnouncer> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource stopping = new();
    private Task announcing = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SledAnnouncer), ServiceLifecycleStage.Active, Start, Stop);

    private Task Start(CancellationToken cancellationToken)
    {
        if (sleds.Sleds.Count > 0)
        {
            announcing = Task.Run(() => AnnounceAsync(stopping.Token), CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    private async Task Stop(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        await announcing.ConfigureAwait(false);
        stopping.Dispose();
    }

    private async Task AnnounceAsync(CancellationToken cancellationToken)
    {
        var announcement = new SledAnnouncement { SiloName = silo.Name, Sleds = sleds.Sleds };
        var delay = TimeSpan.FromMilliseconds(100);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await grains.GetGrain<ISledInventoryGrain>(0).Announce(announcement).WaitAsync(cancellationToken).ConfigureAwait(false);
                LogAnnounced(logger, sleds.Sleds.Count);
                return;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogRetry(logger, ex.Message, delay);
                try
                {
                    await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Announced {Count} sleds to the sled inventory")]
    private static partial void LogAnnounced(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Announcing sleds failed ({Error}); retrying in {Delay}")]
    private static partial void LogRetry(ILogger logger, string error, TimeSpan delay);
}
