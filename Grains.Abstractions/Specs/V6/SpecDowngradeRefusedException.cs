namespace ControlPlane.Grains.Abstractions.Specs.V6;

/// <summary>
/// A version 6 spec cannot be written in an older version without losing a setting (an NVMe disk with
/// <c>has_write_cache: false</c>; version 5 can only say true). Thrown instead of dropping it.
/// </summary>
public sealed class SpecDowngradeRefusedException(SpecKey component, string field, int targetVersion)
    : InvalidOperationException($"component `{component}`: `{field}` cannot be expressed in API version {targetVersion}")
{
    /// <summary>The component whose setting would be lost.</summary>
    public SpecKey Component { get; } = component;

    /// <summary>The field that has no place in the older version.</summary>
    public string Field { get; } = field;

    public int TargetVersion { get; } = targetVersion;
}
