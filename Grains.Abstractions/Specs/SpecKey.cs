using System.Diagnostics.CodeAnalysis;
using System.Text;
using Orleans;

namespace ControlPlane.Grains.Abstractions.Specs;

/// <summary>
/// The name of a component in an instance spec: a UUID when the text parses as one (normalised to
/// lowercase hyphenated form, as Propolis' untagged <c>SpecKey</c> does), otherwise a free-form name.
/// </summary>
/// <remarks>
/// Ordering matches Propolis' derived <c>Ord</c>, which decides error precedence: every UUID key sorts
/// before every name key; UUIDs compare by their bytes, names by Unicode code point (UTF-8 byte order).
/// </remarks>
[Immutable, Alias("controlplane.specs.SpecKey")]
public sealed class SpecKey : IEquatable<SpecKey>, IComparable<SpecKey>, IComparable
{
    private const string UrnPrefix = "urn:uuid:";
    private readonly string text;

    private SpecKey(Guid? uuid, string text)
    {
        Uuid = uuid;
        this.text = text;
    }

    /// <summary>The UUID this key denotes, or null when the key is a plain name.</summary>
    public Guid? Uuid { get; }

    /// <summary>True when the key is a UUID.</summary>
    [MemberNotNullWhen(true, nameof(Uuid))]
    public bool IsUuid => Uuid.HasValue;

    /// <summary>Parses a key the way Propolis does: UUID first (simple, hyphenated, braced or URN form), else a name.</summary>
    public static SpecKey Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParseUuid(text, out var uuid) ? FromUuid(uuid) : new SpecKey(null, text);
    }

    /// <summary>A key for an object identified by a UUID (Nexus names backends after disk and NIC ids).</summary>
    public static SpecKey FromUuid(Guid uuid) => new(uuid, uuid.ToString("D"));

    /// <summary>Same as <see cref="Parse(string)"/>; lets tests and callers write keys as string literals.</summary>
    public static SpecKey FromString(string text) => Parse(text);

    public static implicit operator SpecKey(string text) => Parse(text);

    /// <summary>The canonical text of the key (lowercase hyphenated for UUIDs).</summary>
    public override string ToString() => text;

    public bool Equals(SpecKey? other) =>
        other is not null && (IsUuid ? other.Uuid == Uuid : !other.IsUuid && string.Equals(text, other.text, StringComparison.Ordinal));

    public override bool Equals(object? obj) => Equals(obj as SpecKey);

    public override int GetHashCode() => IsUuid ? Uuid.Value.GetHashCode() : StringComparer.Ordinal.GetHashCode(text);

    public int CompareTo(SpecKey? other)
    {
        if (other is null)
        {
            return 1;
        }

        if (IsUuid != other.IsUuid)
        {
            return IsUuid ? -1 : 1;
        }

        // Canonical UUID text is fixed-width lowercase hex, so ordinal order is byte order.
        return IsUuid ? string.CompareOrdinal(text, other.text) : CompareByCodePoint(text, other.text);
    }

    int IComparable.CompareTo(object? obj) => obj is SpecKey key ? CompareTo(key) : throw new ArgumentException("not a SpecKey", nameof(obj));

    public static bool operator ==(SpecKey? left, SpecKey? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(SpecKey? left, SpecKey? right) => !(left == right);

    public static bool operator <(SpecKey? left, SpecKey? right) => left is null ? right is not null : left.CompareTo(right) < 0;

    public static bool operator <=(SpecKey? left, SpecKey? right) => left is null || left.CompareTo(right) <= 0;

    public static bool operator >(SpecKey? left, SpecKey? right) => left is not null && left.CompareTo(right) > 0;

    public static bool operator >=(SpecKey? left, SpecKey? right) => left is null ? right is null : left.CompareTo(right) >= 0;

    /// <summary>Parses the UUID text forms Rust's <c>uuid::Uuid::parse_str</c> accepts, and no others.</summary>
    public static bool TryParseUuid(string text, out Guid uuid)
    {
        ArgumentNullException.ThrowIfNull(text);
        uuid = default;
        // .NET's Guid parser trims white space; Rust's does not, so such text is a name.
        if (text.Length == 0 || char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]))
        {
            return false;
        }

        return text.Length switch
        {
            32 => Guid.TryParseExact(text, "N", out uuid),
            36 => Guid.TryParseExact(text, "D", out uuid),
            38 => Guid.TryParseExact(text, "B", out uuid),
            45 => text.StartsWith(UrnPrefix, StringComparison.Ordinal) && Guid.TryParseExact(text.AsSpan(UrnPrefix.Length), "D", out uuid),
            _ => false,
        };
    }

    private static int CompareByCodePoint(string left, string right)
    {
        var l = left.AsSpan();
        var r = right.AsSpan();
        while (!l.IsEmpty && !r.IsEmpty)
        {
            Rune.DecodeFromUtf16(l, out var a, out var aLength);
            Rune.DecodeFromUtf16(r, out var b, out var bLength);
            if (a.Value != b.Value)
            {
                return a.Value.CompareTo(b.Value);
            }

            l = l[aLength..];
            r = r[bLength..];
        }

        return l.Length.CompareTo(r.Length);
    }
}
