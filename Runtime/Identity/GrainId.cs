using System.Globalization;

namespace ControlPlane.Runtime;

/// <summary>
/// The identity of a grain: its grain type plus a key that is unique within that type. Two grains of
/// different types may share a key. The text form is "type/key".
/// </summary>
[Immutable]
[System.Text.Json.Serialization.JsonConverter(typeof(Serialization.GrainIdJsonConverter))]
public readonly record struct GrainId
{
    public GrainId(string type, string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        ArgumentNullException.ThrowIfNull(key);
        if (type.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException($"A grain type may not contain '/': '{type}'.", nameof(type));
        }

        Type = type;
        Key = key;
    }

    /// <summary>The durable grain type name (see <see cref="GrainTypeAttribute"/>).</summary>
    public string Type { get; }

    /// <summary>The key in its normalized text form (see <see cref="GrainKeyFormat"/>).</summary>
    public string Key { get; }

    public bool IsDefault => Type is null;

    public override string ToString() => IsDefault ? "(none)" : $"{Type}/{Key}";

    /// <summary>Parses the "type/key" text form.</summary>
    public static GrainId Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            throw new FormatException($"'{text}' is not a grain id: expected 'type/key'.");
        }

        return new GrainId(text[..slash], text[(slash + 1)..]);
    }

    /// <summary>Stable 32-bit hash (FNV-1a over type and key), identical on every machine and process.</summary>
    public uint GetStableHash() => StableHash.Fnv1a(Type + "/" + Key);
}

/// <summary>How a grain interface's key is shaped; chosen by the marker interface it extends.</summary>
public enum GrainKeyKind
{
    None,
    Guid,
    Integer,
    String,
    GuidCompound,
    IntegerCompound,
}

/// <summary>Normalizes typed keys into the text stored in <see cref="GrainId.Key"/>, and back.</summary>
public static class GrainKeyFormat
{
    private const char ExtensionSeparator = '+';

    public static string FromGuid(Guid key) => key.ToString("N", CultureInfo.InvariantCulture);

    public static string FromInteger(long key) => key.ToString(CultureInfo.InvariantCulture);

    public static string FromGuidCompound(Guid key, string extension)
    {
        ArgumentNullException.ThrowIfNull(extension);
        return FromGuid(key) + ExtensionSeparator + extension;
    }

    public static string FromIntegerCompound(long key, string extension)
    {
        ArgumentNullException.ThrowIfNull(extension);
        return FromInteger(key) + ExtensionSeparator + extension;
    }

    public static Guid ToGuid(string key, out string? extension)
    {
        var (head, ext) = Split(key);
        extension = ext;
        return Guid.TryParseExact(head, "N", out var guid)
            ? guid
            : throw new FormatException($"Grain key '{key}' is not a Guid key.");
    }

    public static long ToInteger(string key, out string? extension)
    {
        var (head, ext) = Split(key);
        extension = ext;
        return long.TryParse(head, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"Grain key '{key}' is not an integer key.");
    }

    private static (string Head, string? Extension) Split(string key)
    {
        var plus = key.IndexOf(ExtensionSeparator, StringComparison.Ordinal);
        return plus < 0 ? (key, null) : (key[..plus], key[(plus + 1)..]);
    }
}
