using System.Text;
using Orleans;

namespace ControlPlane.Grains.Abstractions.Specs.V1;

/// <summary>
/// An in-memory disk whose content is carried in the spec (<c>blob_storage_backend</c>, used for
/// cloud-init). ToString never prints the base64 payload.
/// </summary>
[GenerateSerializer, Immutable, Alias("controlplane.specs.v1.BlobStorageBackend")]
public sealed partial record BlobStorageBackend : IComponent
{
    public ComponentKind Kind => ComponentKind.BlobStorageBackend;

    /// <summary>The disk content, base64 encoded (may hold secrets such as cloud-init user data).</summary>
    [Id(0)]
    public required string Base64 { get; init; }

    [Id(1)]
    public required bool Readonly { get; init; }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Base64 = ").Append(SensitivePayload.Describe(Base64)).Append(", Readonly = ").Append(Readonly);
        return true;
    }
}
