namespace ControlPlane.Grains.Abstractions.Vmms;

/// <summary>The state right after a requested change (sled-agent <c>VmmPutStateResponse</c>).</summary>
public sealed record VmmPutStateResponse
{
    public V2.SledVmmState? UpdatedRuntime { get; init; }
}
