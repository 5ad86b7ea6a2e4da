using ControlPlane.Grains.Abstractions.Errors;
using Orleans;

namespace ControlPlane.Grains.Abstractions.Sleds;

/// <summary>
/// No live silo hosts the sled (thrown by the sled placement director when it finds no compatible silo whose
/// metadata lists the sled). Once membership has declared the hosting silo dead this is the "sled's silo is
/// gone" evidence the watcher turns into Failed(sled_off); before that, calls may hang or be rejected instead.
/// </summary>
[GenerateSerializer, Alias("controlplane.sleds.NoSledHostException")]
public sealed class NoSledHostException : UnavailableException
{
    public NoSledHostException(Guid sledId)
        : base($"No live silo hosts sled {sledId}.") => SledId = sledId;

    public NoSledHostException(Guid sledId, string message)
        : base(message) => SledId = sledId;

    /// <summary>The sled no live silo hosts.</summary>
    [Id(0)]
    public Guid SledId { get; }

    public override string Code => DomainErrorCodes.SledUnreachable;
}
