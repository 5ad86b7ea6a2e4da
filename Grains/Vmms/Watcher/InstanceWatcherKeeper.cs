using ControlPlane.Grains.Abstractions.Vmms;
using ControlPlane.Runtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ControlPlane.Grains.Vmms.Watcher;

/// <summary>
/// Keeps the instance watcher activated: its passes run on a grain timer, which dies with the silo that hosts it,
/// so every silo touches the watcher once a period and a killed host's watcher comes back elsewhere within one
/// period (the runtime has no reminders). Touching an active watcher costs one cheap call.
/// </summary>
internal sealed class InstanceWatcherKeeper(IClusterClient client, IOptions<VmmOptions> options, ILogger<InstanceWatcherKeeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = options.Value.WatcherPeriod;
        using var timer = new PeriodicTimer(period < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : period);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await client.GetGrain<IInstanceWatcherGrain>(0).Tracked().ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogDebug("Touching the instance watcher failed (the cluster may be changing): {Error}", ex.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
