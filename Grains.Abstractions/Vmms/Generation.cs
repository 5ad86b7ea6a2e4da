using System.Text.Json.Serialization;
using Orleans;

namespace ControlPlane.Grains.Abstractions.Vmms;

/// <summary>
/// A monotonically increasing version of one VMM's (or one migration side's) state. Writers apply a
/// state only when its generation is strictly newer; equal means duplicate. Writers start at 1; the wire accepts 0
/// through i64::MAX as Omicron's does (a 0 is older than every stored generation, so it is never applied).
/// </summary>
[JsonConverter(typeof(GenerationJsonConverter))]
[GenerateSerializer, Immutable, Alias("controlplane.vmms.Generation")]
public readonly record struct Generation : IComparable<Generation>
{
    public Generation(long value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        Value = value;
    }

    /// <summary>The first generation (Omicron's <c>Generation::new()</c>).</summary>
    public static Generation Initial { get; } = new(1);

    [Id(0)]
    public long Value { get; }

    public Generation Next() => new(checked(Value + 1));

    public bool IsNewerThan(Generation other) => Value > other.Value;

    public int CompareTo(Generation other) => Value.CompareTo(other.Value);

    public static bool operator <(Generation left, Generation right) => left.Value < right.Value;

    public static bool operator >(Generation left, Generation right) => left.Value > right.Value;

    public static bool operator <=(Generation left, Generation right) => left.Value <= right.Value;

    public static bool operator >=(Generation left, Generation right) => left.Value >= right.Value;

    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
