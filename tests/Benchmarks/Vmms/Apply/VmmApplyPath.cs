namespace ControlPlane.Benchmarks.Vmms.Apply;

/// <summary>How a sled-side VMM change reaches the Nexus side in one <c>vmm-apply</c> scenario.</summary>
public enum VmmApplyPath
{
    /// <summary>The design: the sled grain rings <c>IVmmGrain.Ring</c> (no body); the VMM grain pulls the state at the negotiated version and persists it.</summary>
    DoorbellPull,

    /// <summary>No doorbell (the sled's doorbells are dropped): only the instance watcher's periodic <c>IVmmGrain.Check</c> pulls find the change.</summary>
    PollingOnly,

    /// <summary>
    /// The old push-with-body upcall, applied directly: doorbells dropped; the sled side's full v1 <c>SledVmmState</c>
    /// body (from the change's own response) is sent to <c>IVmmGrain.Apply</c> (converted to v2), which persists it.
    /// </summary>
    PushWithBody,

    /// <summary>The legacy upcall as this code implements it: doorbells dropped; the v1 body goes to <c>IVmmGrain.PutLegacy</c>, which ignores it and rings (a pull follows).</summary>
    LegacyUpcall,
}
