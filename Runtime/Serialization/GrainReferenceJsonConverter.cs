using System.Text.Json;
using System.Text.Json.Serialization;
using ControlPlane.Runtime.Invocation;
using ControlPlane.Runtime.Manifest;

namespace ControlPlane.Runtime.Serialization;

/// <summary>Grain references serialize as {"grain_id": "type/key", "interface": "alias"} and come back bound to the reading runtime.</summary>
internal sealed class GrainReferenceJsonConverterFactory(IGrainCallSender sender) : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeof(GrainReference).IsAssignableFrom(typeToConvert)
        || (typeToConvert.IsInterface && typeof(IAddressable).IsAssignableFrom(typeToConvert));

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert), sender)!;

    private sealed class Converter<T>(IGrainCallSender sender) : JsonConverter<T>
    {
        public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                return default;
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException("A grain reference must be a JSON object.");
            }

            string? grainId = null;
            string? alias = null;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var name = reader.GetString();
                reader.Read();
                switch (name)
                {
                    case "grain_id":
                        grainId = reader.GetString();
                        break;
                    case "interface":
                        alias = reader.GetString();
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }

            if (grainId is null)
            {
                throw new JsonException("A grain reference needs 'grain_id'.");
            }

            var descriptor = typeToConvert.IsInterface && typeToConvert != typeof(IAddressable) && typeToConvert != typeof(IGrain)
                ? GrainManifest.InterfaceOf(typeToConvert)
                : (alias is null ? null : GrainManifest.FindInterface(alias))
                    ?? throw new JsonException($"Unknown grain interface '{alias}'.");
            return (T)(object)sender.CreateReference(GrainId.Parse(grainId), descriptor);
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            if (value is not GrainReference reference)
            {
                throw new JsonException(value is null ? "null" : $"Only grain references can be serialized as {typeof(T).Name}, not {value.GetType().Name}; pass this.AsReference<T>() from inside a grain.");
            }

            writer.WriteStartObject();
            writer.WriteString("grain_id", reference.GrainId.ToString());
            writer.WriteString("interface", reference.Interface.Alias);
            writer.WriteEndObject();
        }
    }
}
