using System.Text;
using Orleans;

namespace ControlPlane.Grains.Abstractions.Specs.V1;

/// <summary>
/// A Crucible volume (<c>crucible_storage_backend</c>). The volume construction request may hold
/// keys, so ToString never prints it.
/// </summary>
[GenerateSerializer, Immutable, Alias("controlplane.specs.v1.CrucibleStorageBackend")]
public sealed partial record CrucibleStorageBackend : IComponent
{
    public ComponentKind Kind => ComponentKind.CrucibleStorageBackend;

    /// <summary>The serialized Crucible volume construction request (secret-bearing).</summary>
    [Id(0)]
    public required string RequestJson { get; init; }

    [Id(1)]
    public required bool Readonly { get; init; }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("RequestJson = ").Append(SensitivePayload.Describe(RequestJson)).Append(", Readonly = ").Append(Readonly);
        return true;
    }
}
