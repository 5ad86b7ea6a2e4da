using System.Text.Json;
using System.Text.Json.Serialization;
using ControlPlane.Grains.Abstractions.Specs.V1;

namespace ControlPlane.Grains.Abstractions.Specs.Json;

/// <summary>
/// Lets System.Text.Json (grain state, payloads) read and write the latest wire spec with the strict reader. Grain state
/// written before version 6 holds version 5 specs (NVMe disks without <c>has_write_cache</c>): those are read in that shape
/// and up-converted, so stored instances keep loading.
/// </summary>
public sealed class InstanceSpecV6JsonConverter : JsonConverter<V6.InstanceSpec>
{
    public override V6.InstanceSpec Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        WireSpecJson.Read(ref reader, static (element, path) =>
        {
            try
            {
                return WireSpecReader.ReadV6(element, path);
            }
            catch (WireFormatException v6) when (v6.Kind == WireFormatErrorKind.MissingField)
            {
                try
                {
                    return V6.InstanceSpec.FromV5(WireSpecReader.ReadV3(element, path));
                }
                catch (WireFormatException)
                {
                    throw v6;
                }
            }
        });

    public override void Write(Utf8JsonWriter writer, V6.InstanceSpec value, JsonSerializerOptions options) =>
        WireSpecWriter.WriteV6(writer, value);
}

/// <summary>System.Text.Json bridge for the API version 3 to 5 spec.</summary>
public sealed class InstanceSpecV3JsonConverter : JsonConverter<V3.InstanceSpec>
{
    public override V3.InstanceSpec Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        WireSpecJson.Read(ref reader, WireSpecReader.ReadV3);

    public override void Write(Utf8JsonWriter writer, V3.InstanceSpec value, JsonSerializerOptions options) =>
        WireSpecWriter.WriteV3(writer, value);
}

/// <summary>System.Text.Json bridge for the API version 2 spec.</summary>
public sealed class InstanceSpecV2JsonConverter : JsonConverter<V2.InstanceSpec>
{
    public override V2.InstanceSpec Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        WireSpecJson.Read(ref reader, WireSpecReader.ReadV2);

    public override void Write(Utf8JsonWriter writer, V2.InstanceSpec value, JsonSerializerOptions options) =>
        WireSpecWriter.WriteV2(writer, value);
}

/// <summary>System.Text.Json bridge for the API version 1 spec.</summary>
public sealed class InstanceSpecV0JsonConverter : JsonConverter<InstanceSpecV0>
{
    public override InstanceSpecV0 Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        WireSpecJson.Read(ref reader, WireSpecReader.ReadV1);

    public override void Write(Utf8JsonWriter writer, InstanceSpecV0 value, JsonSerializerOptions options) =>
        WireSpecWriter.WriteV1(writer, value);
}

/// <summary>System.Text.Json bridge for the API version 1 <c>VersionedInstanceSpec</c> wrapper.</summary>
public sealed class VersionedInstanceSpecJsonConverter : JsonConverter<VersionedInstanceSpec>
{
    public override VersionedInstanceSpec Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        WireSpecJson.Read(ref reader, WireSpecReader.ReadVersioned);

    public override void Write(Utf8JsonWriter writer, VersionedInstanceSpec value, JsonSerializerOptions options) =>
        WireSpecWriter.WriteVersioned(writer, value);
}

/// <summary>System.Text.Json bridge for a migration target's <c>replace_components</c> map.</summary>
public sealed class ReplacementComponentsJsonConverter : JsonConverter<ComponentMap<ReplacementComponent>>
{
    public override ComponentMap<ReplacementComponent> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        WireSpecJson.Read(ref reader, WireSpecReader.ReadReplacements);

    public override void Write(Utf8JsonWriter writer, ComponentMap<ReplacementComponent> value, JsonSerializerOptions options) =>
        WireSpecWriter.WriteReplacements(writer, value);
}

/// <summary>
/// Source-generated System.Text.Json metadata for the wire specs. Every spec type carries its
/// strict converter, so this context and reflection-based serialization behave identically.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(V6.InstanceSpec), TypeInfoPropertyName = "InstanceSpecV6")]
[JsonSerializable(typeof(V3.InstanceSpec), TypeInfoPropertyName = "InstanceSpecV3")]
[JsonSerializable(typeof(V2.InstanceSpec), TypeInfoPropertyName = "InstanceSpecV2")]
[JsonSerializable(typeof(InstanceSpecV0))]
[JsonSerializable(typeof(VersionedInstanceSpec))]
public sealed partial class WireSpecJsonContext : JsonSerializerContext;
