namespace ControlPlane.Grains.Abstractions.Specs.V1;

/// <summary>
/// The i440FX chipset, the only chipset the wire format has (<c>{"type":"i440_fx","value":{...}}</c>).
/// </summary>
public sealed record I440Fx
{
    public required bool EnablePcie { get; init; }
}
