using System.Diagnostics.CodeAnalysis;
using Orleans;

namespace ControlPlane.Grains.Abstractions.Specs.V2;

/// <summary>
/// API version 2's instance spec (PROGRAMMABLE_SMBIOS): version 1's board and components plus an
/// optional <c>smbios</c>. Unknown top-level JSON fields are ignored in this version, as in Propolis.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Json.InstanceSpecV2JsonConverter))]
[GenerateSerializer, Immutable, Alias("controlplane.specs.v2.InstanceSpec")]
public sealed record InstanceSpec
{
    [Id(0)]
    public required V1.Board Board { get; init; }

    [Id(1)]
    public required ComponentMap<V1.IComponent> Components { get; init; }

    [Id(2)]
    public SmbiosType1Input? Smbios { get; init; }

    /// <summary>Up-conversion from version 1; lossless (<c>smbios</c> becomes null).</summary>
    public static InstanceSpec FromV1(V1.InstanceSpecV0 spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new InstanceSpec { Board = spec.Board, Components = spec.Components, Smbios = null };
    }

    /// <summary>
    /// Down-conversion to version 1 as Propolis does it for responses: <c>smbios</c> is dropped.
    /// Use <see cref="TryToV1Lossless"/> where losing it must be refused instead.
    /// </summary>
    public V1.InstanceSpecV0 ToV1() => new() { Board = Board, Components = Components };

    /// <summary>Down-conversion to version 1 that refuses (returns false) when <c>smbios</c> would be lost.</summary>
    public bool TryToV1Lossless([NotNullWhen(true)] out V1.InstanceSpecV0? spec)
    {
        spec = Smbios is null ? ToV1() : null;
        return spec is not null;
    }
}
