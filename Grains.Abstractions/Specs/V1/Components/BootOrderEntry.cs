namespace ControlPlane.Grains.Abstractions.Specs.V1;

/// <summary>One boot order entry: the key of a disk device component.</summary>
public sealed record BootOrderEntry
{
    public required SpecKey Id { get; init; }
}
