using System.Text.Json;

namespace ControlPlane.Grains.Abstractions.Specs.Json;

/// <summary>Reads scalar wire values with the range and type checks serde applies, reporting the JSON path.</summary>
internal static class JsonValues
{
    public static string Child(string path, string field) => $"{path}.{field}";

    public static string Index(string path, int index) => $"{path}[{index}]";

    public static string Key(string path, string key) => $"{path}['{key.Replace("'", "\\'", StringComparison.Ordinal)}']";

    public static void Expect(JsonElement element, JsonValueKind kind, string path, string what)
    {
        if (element.ValueKind != kind)
        {
            throw new WireFormatException(WireFormatErrorKind.UnexpectedJsonType, path, $"expected {what}, found {Describe(element.ValueKind)}");
        }
    }

    public static byte U8(JsonElement element, string path) =>
        Integer(element, path) && element.TryGetByte(out var value) ? value : throw OutOfRange(element, path, "u8 (0 to 255)");

    public static uint U32(JsonElement element, string path) =>
        Integer(element, path) && element.TryGetUInt32(out var value) ? value : throw OutOfRange(element, path, "u32");

    public static ulong U64(JsonElement element, string path) =>
        Integer(element, path) && element.TryGetUInt64(out var value) ? value : throw OutOfRange(element, path, "u64");

    public static bool Bool(JsonElement element, string path) => element.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw new WireFormatException(WireFormatErrorKind.UnexpectedJsonType, path, $"expected a boolean, found {Describe(element.ValueKind)}"),
    };

    public static string String(JsonElement element, string path)
    {
        Expect(element, JsonValueKind.String, path, "a string");
        try
        {
            return element.GetString()!;
        }
        catch (InvalidOperationException e)
        {
            // An escaped lone surrogate: valid JSON syntax, not a valid (Rust) string.
            throw new WireFormatException(WireFormatErrorKind.InvalidValue, path, "string is not valid Unicode", innerException: e);
        }
    }

    public static SpecKey SpecKey(JsonElement element, string path) => Specs.SpecKey.Parse(String(element, path));

    public static Guid Uuid(JsonElement element, string path)
    {
        var text = String(element, path);
        return Specs.SpecKey.TryParseUuid(text, out var uuid)
            ? uuid
            : throw new WireFormatException(WireFormatErrorKind.InvalidValue, path, $"`{text}` is not a UUID");
    }

    public static T Tag<T>(JsonElement element, string path, IReadOnlyDictionary<string, T> variants)
    {
        var text = String(element, path);
        return variants.TryGetValue(text, out var value)
            ? value
            : throw new WireFormatException(
                WireFormatErrorKind.UnknownVariant,
                path,
                $"unknown variant `{text}`, expected one of {string.Join(", ", variants.Keys.Select(k => $"`{k}`"))}");
    }

    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static bool Integer(JsonElement element, string path)
    {
        Expect(element, JsonValueKind.Number, path, "an integer");
        return true;
    }

    private static WireFormatException OutOfRange(JsonElement element, string path, string type) =>
        new(WireFormatErrorKind.NumberOutOfRange, path, $"{element.GetRawText()} is not a valid {type}");
}
