namespace ControlPlane.Grains.Abstractions.Specs;

/// <summary>
/// Optional component families a silo enables in configuration (Propolis' compile-time features).
/// A spec that uses a disabled family is rejected, never silently trimmed.
/// </summary>
[Flags]
public enum ComponentFamilies
{
    None = 0,

    /// <summary><c>falcon</c>: SoftNPU ports, SoftNPU P9 and p9fs.</summary>
    Falcon = 1,

    /// <summary><c>failure-injection</c>: the migration failure injector.</summary>
    FailureInjection = 2,

    All = Falcon | FailureInjection,
}
