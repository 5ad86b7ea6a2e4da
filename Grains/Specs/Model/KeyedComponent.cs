using ControlPlane.Grains.Abstractions.Specs;

namespace ControlPlane.Grains.Specs;

/// <summary>A singleton component together with the key it goes by (the internal spec keeps every name, unlike Propolis' SoftNPU singletons).</summary>
public sealed record KeyedComponent<T>(SpecKey Key, T Value);
