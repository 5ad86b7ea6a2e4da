using Orleans;

namespace ControlPlane.Grains.Abstractions.Specs.V6;

/// <summary>
/// API version 6's instance spec (NVME_WRITE_CACHE, the latest; the version current Omicron pins): version 3's shape
/// (unchanged through versions 4 and 5) whose <c>nvme_disk</c> requires <c>has_write_cache</c>. This is the shape the
/// server works in; older versions convert to it.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Json.InstanceSpecV6JsonConverter))]
[GenerateSerializer, Immutable, Alias("controlplane.specs.v6.InstanceSpec")]
public sealed record InstanceSpec
{
    /// <summary>The Propolis API version whose shape this is.</summary>
    public const int ApiVersion = 6;

    /// <summary>The newest Propolis API version with version 3's (and version 5's) spec shape.</summary>
    public const int PreviousShapeApiVersion = 5;

    [Id(0)]
    public required V1.Board Board { get; init; }

    [Id(1)]
    public required ComponentMap<IComponent> Components { get; init; }

    [Id(2)]
    public V2.SmbiosType1Input? Smbios { get; init; }

    /// <summary>Up-conversion from version 5 (version 3's shape); lossless: NVMe disks report a write cache, as they always did.</summary>
    public static InstanceSpec FromV5(V3.InstanceSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new InstanceSpec
        {
            Board = spec.Board,
            Components = spec.Components.Select(component => component switch
            {
                V1.NvmeDisk nvme => NvmeDisk.FromV1(nvme),
                _ => (IComponent)component,
            }),
            Smbios = spec.Smbios,
        };
    }

    /// <summary>
    /// Down-conversion to version 5 (version 3's shape). Refused with <see cref="SpecDowngradeRefusedException"/> when an
    /// NVMe disk has no write cache, which version 5 cannot say; never silently dropped.
    /// </summary>
    public V3.InstanceSpec ToV5()
    {
        var lost = Components.FirstOrDefault(entry => entry.Value is NvmeDisk { HasWriteCache: false });
        if (lost.Key is not null)
        {
            throw new SpecDowngradeRefusedException(lost.Key, "has_write_cache", PreviousShapeApiVersion);
        }

        return new V3.InstanceSpec
        {
            Board = Board,
            Components = Components.Select(component => component switch
            {
                NvmeDisk nvme when nvme.TryToV1(out var v1) => v1!,
                _ => (V3.IComponent)component,
            }),
            Smbios = Smbios,
        };
    }
}
