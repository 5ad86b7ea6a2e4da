using Orleans;

namespace ControlPlane.Grains.Abstractions.Instances.Registry;

/// <summary>A range of instance ids, <see cref="From"/> inclusive and <see cref="To"/> exclusive; null is unbounded.</summary>
[GenerateSerializer, Immutable, Alias("controlplane.instances.IdRange")]
public sealed record IdRange([property: Id(0)] Guid? From, [property: Id(1)] Guid? To)
{
    public static IdRange All { get; } = new(null, null);

    public bool Contains(Guid id) => (From is not { } from || id.CompareTo(from) >= 0) && (To is not { } to || id.CompareTo(to) < 0);
}
