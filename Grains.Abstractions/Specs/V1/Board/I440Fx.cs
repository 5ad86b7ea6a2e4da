using Orleans;

namespace ControlPlane.Grains.Abstractions.Specs.V1;

/// <summary>
/// The i440FX chipset, the only chipset the wire format has (<c>{"type":"i440_fx","value":{...}}</c>).
/// </summary>
[GenerateSerializer, Immutable, Alias("controlplane.specs.v1.I440Fx")]
public sealed record I440Fx
{
    [Id(0)]
    public required bool EnablePcie { get; init; }
}
