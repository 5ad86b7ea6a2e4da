using System.Text.Json;
using System.Text.Json.Serialization;

namespace ControlPlane.Api.Specs;

/// <summary>A request body that is a wire spec itself (<c>POST /v1/instance-specs/validate</c>), read as it is (see <see cref="WireSpecElementConverter"/>).</summary>
[JsonConverter(typeof(WireSpecBodyConverter))]
public sealed record WireSpecBody(JsonElement Json);

/// <summary>Reads and writes <see cref="WireSpecBody"/> as the bare JSON value.</summary>
public sealed class WireSpecBodyConverter : JsonConverter<WireSpecBody>
{
    private static readonly WireSpecElementConverter Element = new();

    public override WireSpecBody Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(Element.Read(ref reader, typeof(JsonElement), options));

    public override void Write(Utf8JsonWriter writer, WireSpecBody value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(value);
        Element.Write(writer, value.Json, options);
    }
}
