namespace ControlPlane.Benchmarks.Vmms.Apply;

/// <summary>One running VMM the benchmark drives: its id and the sled whose grain holds its sled-side state.</summary>
public sealed record VmmApplyTarget(Guid VmmId, Guid SledId);
