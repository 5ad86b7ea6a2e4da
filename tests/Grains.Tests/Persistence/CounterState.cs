namespace ControlPlane.Grains.Tests.Persistence;

/// <summary>A small grain state for the storage contract tests (plain JSON through the System.Text.Json serializer).</summary>
public sealed class CounterState
{
    public int Value { get; set; }

    public string? Note { get; set; }
}
