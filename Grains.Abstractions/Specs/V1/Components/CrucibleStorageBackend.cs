using System.Text;

namespace ControlPlane.Grains.Abstractions.Specs.V1;

/// <summary>
/// A Crucible volume (<c>crucible_storage_backend</c>). The volume construction request may hold
/// keys, so ToString never prints it.
/// </summary>
public sealed partial record CrucibleStorageBackend : IComponent
{
    public ComponentKind Kind => ComponentKind.CrucibleStorageBackend;

    /// <summary>The serialized Crucible volume construction request (secret-bearing).</summary>
    public required string RequestJson { get; init; }

    public required bool Readonly { get; init; }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("RequestJson = ").Append(SensitivePayload.Describe(RequestJson)).Append(", Readonly = ").Append(Readonly);
        return true;
    }
}
