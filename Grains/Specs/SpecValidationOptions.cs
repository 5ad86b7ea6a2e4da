using ControlPlane.Grains.Abstractions.Specs;

namespace ControlPlane.Grains.Specs;

/// <summary>
/// What a silo accepts in a spec, from its configuration: the optional component families it
/// enables, its vCPU limit and the CPUID its sleds report for specs without one.
/// </summary>
public sealed record SpecValidationOptions
{
    /// <summary>The configuration section the silo binds (<c>Specs:EnabledFamilies = "Falcon, FailureInjection"</c>).</summary>
    public const string ConfigurationSection = "Specs";

    /// <summary>Oxide's bhyve limit (stock bhyve allows 32).</summary>
    public const int DefaultMaxCpus = 254;

    /// <summary>A silo with no optional family enabled.</summary>
    public static SpecValidationOptions Default { get; } = new();

    /// <summary>A silo with every optional family enabled (test rigs).</summary>
    public static SpecValidationOptions AllFamilies { get; } = new() { EnabledFamilies = ComponentFamilies.All };

    public ComponentFamilies EnabledFamilies { get; set; } = ComponentFamilies.None;

    public int MaxCpus { get; init; } = DefaultMaxCpus;

    public CpuidSet HostCpuid { get; init; } = HostCpuidDefaults.Amd;

    /// <summary>FeatureDisabled when <paramref name="kind"/> belongs to a family this silo does not enable.</summary>
    public FeatureDisabled? RejectIfDisabled(ComponentKind kind, SpecKey key)
    {
        var family = kind.Family();
        return family != ComponentFamilies.None && (EnabledFamilies & family) == 0 ? new FeatureDisabled(key, kind, family) : null;
    }
}
