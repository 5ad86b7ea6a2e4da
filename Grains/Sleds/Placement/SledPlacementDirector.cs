using ControlPlane.Grains.Abstractions.Sleds;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Runtime.Placement;

namespace ControlPlane.Grains.Sleds.Placement;

/// <summary>
/// Chooses, among the silos compatible with the grain type, the one whose metadata lists the sled named in the
/// grain's key extension. When membership holds no live silo for the sled it throws <see cref="NoSledHostException"/>:
/// the "sled is gone" evidence. Metadata of a silo that just joined arrives asynchronously, so a silo whose
/// metadata is not cached yet is waited for (briefly) before a sled is declared hostless.
/// </summary>
public sealed partial class SledPlacementDirector(ISiloMetadataCache metadata, ILogger<SledPlacementDirector> logger) : IPlacementDirector
{
    private static readonly TimeSpan MetadataWait = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan MetadataPoll = TimeSpan.FromMilliseconds(25);

    public async Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        target.GrainIdentity.GetGuidKey(out var extension);
        if (!SledRole.TryParse(extension, out var sledId))
        {
            throw new ArgumentException($"A sled-placed grain's key extension must be 'sled-<id>', not '{extension}'.", nameof(target));
        }

        var deadline = DateTime.UtcNow + MetadataWait;
        while (true)
        {
            var candidates = context.GetCompatibleSilos(target);
            var unknown = false;
            foreach (var silo in candidates)
            {
                var entry = metadata.GetSiloMetadata(silo);
                if (entry.Metadata.Count == 0)
                {
                    unknown = true; // not arrived yet (every control-plane silo publishes the key, even when empty)
                    continue;
                }

                if (entry.Metadata.TryGetValue(SledSiloMetadata.Key, out var sleds) && SledSiloMetadata.Parse(sleds).Contains(sledId))
                {
                    return silo;
                }
            }

            if (!unknown || DateTime.UtcNow >= deadline)
            {
                LogNoHost(logger, sledId, candidates.Length);
                throw new NoSledHostException(sledId);
            }

            await Task.Delay(MetadataPoll).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No live silo hosts sled {SledId} ({Candidates} compatible silos)")]
    private static partial void LogNoHost(ILogger logger, Guid sledId, int candidates);
}
