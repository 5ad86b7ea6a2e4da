namespace ControlPlane.Grains.Abstractions.Vmms;

/// <summary>The last state of an unregistered VMM; null when the sled did not know it.</summary>
public sealed record VmmUnregisterResponse
{
    public V2.SledVmmState? UpdatedRuntime { get; init; }
}
