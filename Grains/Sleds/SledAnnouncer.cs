using ControlPlane.Grains.Abstractions.Sleds;
using ControlPlane.Runtime;
using ControlPlane.Runtime.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ControlPlane.Grains.Sleds;

/// <summary>
/// Once the silo has started, tells the sled inventory which sleds this silo hosts (retrying until the
/// inventory answers), so the inventory learns every sled of the cluster from the silos themselves.
/// </summary>
internal sealed class SledAnnouncer(SledConfiguration sleds, IClusterClient client, IOptions<SiloOptions> silo, ILogger<SledAnnouncer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (sleds.Sleds.Count == 0)
        {
            return;
        }

        var announcement = new SledAnnouncement { SiloName = silo.Value.SiloName, Sleds = sleds.Sleds };
        var delay = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            try
            {
                await client.GetGrain<ISledInventoryGrain>(0).Announce(announcement).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Announcing sleds failed; retrying in {Delay}", delay);
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
