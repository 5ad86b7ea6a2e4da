using System.Diagnostics.CodeAnalysis;
using Orleans;

namespace ControlPlane.Grains.Abstractions.Specs.V3;

/// <summary>
/// API version 3's instance spec (ADD_VSOCK, the latest): version 2's shape whose component union
/// also has <c>virtio_socket</c>. This is the shape the server works in; older versions convert to it.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Json.InstanceSpecV3JsonConverter))]
[GenerateSerializer, Immutable, Alias("controlplane.specs.v3.InstanceSpec")]
public sealed record InstanceSpec
{
    [Id(0)]
    public required V1.Board Board { get; init; }

    [Id(1)]
    public required ComponentMap<IComponent> Components { get; init; }

    [Id(2)]
    public V2.SmbiosType1Input? Smbios { get; init; }

    /// <summary>Up-conversion from version 2; lossless (every version 1 component is a version 3 component).</summary>
    public static InstanceSpec FromV2(V2.InstanceSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new InstanceSpec
        {
            Board = spec.Board,
            Components = spec.Components.Select(component => (IComponent)component),
            Smbios = spec.Smbios,
        };
    }

    /// <summary>Up-conversion from version 1 through version 2.</summary>
    public static InstanceSpec FromV1(V1.InstanceSpecV0 spec) => FromV2(V2.InstanceSpec.FromV1(spec));

    /// <summary>
    /// Down-conversion to version 2 as Propolis does it for responses: every <c>virtio_socket</c>
    /// component is dropped. Use <see cref="TryToV2Lossless"/> where that must be refused instead.
    /// </summary>
    public V2.InstanceSpec ToV2()
    {
        var kept = Components
            .Where(entry => entry.Value is V1.IComponent)
            .Select(entry => KeyValuePair.Create(entry.Key, (V1.IComponent)entry.Value));
        return new V2.InstanceSpec { Board = Board, Components = ComponentMap<V1.IComponent>.Create(kept), Smbios = Smbios };
    }

    /// <summary>Down-conversion to version 2 that refuses (returns false) when a component would be lost.</summary>
    public bool TryToV2Lossless([NotNullWhen(true)] out V2.InstanceSpec? spec)
    {
        spec = Components.Values.All(component => component is V1.IComponent) ? ToV2() : null;
        return spec is not null;
    }

    /// <summary>The components that exist only in version 3 and later (what <see cref="ToV2"/> drops).</summary>
    public IEnumerable<SpecKey> ComponentsNewerThanV2() =>
        Components.Where(entry => entry.Value is not V1.IComponent).Select(entry => entry.Key);
}
