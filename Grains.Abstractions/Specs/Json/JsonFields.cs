using System.Text.Json;

namespace ControlPlane.Grains.Abstractions.Specs.Json;

/// <summary>
/// The fields of one JSON object, checked once on open: duplicate keys are rejected always, unknown
/// keys where the wire type denies them (serde's <c>deny_unknown_fields</c>).
/// </summary>
internal readonly struct JsonFields
{
    private readonly string[] names;
    private readonly JsonElement[] values;
    private readonly bool[] present;

    private JsonFields(string path, string[] names, JsonElement[] values, bool[] present)
    {
        Path = path;
        this.names = names;
        this.values = values;
        this.present = present;
    }

    public string Path { get; }

    /// <summary>Opens <paramref name="element"/> as an object with exactly the fields <paramref name="known"/> may name.</summary>
    public static JsonFields Open(JsonElement element, string path, string[] known, bool rejectUnknown = true)
    {
        JsonValues.Expect(element, JsonValueKind.Object, path, "an object");
        var values = new JsonElement[known.Length];
        var present = new bool[known.Length];
        HashSet<string>? ignored = null;
        foreach (var property in element.EnumerateObject())
        {
            var index = IndexOf(known, property);
            if (index >= 0)
            {
                if (present[index])
                {
                    throw Duplicate(path, known[index]);
                }

                present[index] = true;
                values[index] = property.Value;
                continue;
            }

            var name = property.Name;
            if (rejectUnknown)
            {
                throw new WireFormatException(
                    WireFormatErrorKind.UnknownField,
                    JsonValues.Child(path, name),
                    $"unknown field `{name}`, expected one of {string.Join(", ", known.Select(k => $"`{k}`"))}");
            }

            ignored ??= new HashSet<string>(StringComparer.Ordinal);
            if (!ignored.Add(name))
            {
                throw Duplicate(path, name);
            }
        }

        return new JsonFields(path, known, values, present);
    }

    /// <summary>The value of a required field; a missing field is an error.</summary>
    public JsonElement Required(string name)
    {
        var index = Array.IndexOf(names, name);
        if (!present[index])
        {
            throw new WireFormatException(WireFormatErrorKind.MissingField, Path, $"missing field `{name}`");
        }

        return values[index];
    }

    /// <summary>The value of an optional field, or null when absent. JSON null is returned as a value.</summary>
    public JsonElement? Optional(string name)
    {
        var index = Array.IndexOf(names, name);
        return present[index] ? values[index] : null;
    }

    /// <summary>The value of an optional field, or null when absent or JSON null (serde's <c>Option</c>).</summary>
    public JsonElement? OptionalNonNull(string name)
    {
        var value = Optional(name);
        return value is { ValueKind: JsonValueKind.Null } ? null : value;
    }

    public string ChildPath(string name) => JsonValues.Child(Path, name);

    private static int IndexOf(string[] known, JsonProperty property)
    {
        for (var i = 0; i < known.Length; i++)
        {
            if (property.NameEquals(known[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static WireFormatException Duplicate(string path, string name) =>
        new(WireFormatErrorKind.DuplicateKey, JsonValues.Child(path, name), $"duplicate field `{name}`");
}
