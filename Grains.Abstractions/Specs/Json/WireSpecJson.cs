using System.Buffers;
using System.Text;
using System.Text.Json;
using ControlPlane.Grains.Abstractions.Specs.V1;

namespace ControlPlane.Grains.Abstractions.Specs.Json;

/// <summary>
/// Reads and writes wire specs of every API version. Reading is strict (see <see cref="WireFormatErrorKind"/>)
/// and fails with <see cref="WireFormatException"/>; writing never fails for the wire records.
/// </summary>
public static class WireSpecJson
{
    /// <summary>The newest API version whose spec shape this assembly knows.</summary>
    public const int LatestApiVersion = 3;

    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 64 };

    /// <summary>Reads a spec in the shape of <paramref name="apiVersion"/> (1, 2 or 3) and up-converts it to the latest shape.</summary>
    public static V3.InstanceSpec ReadAnyVersion(ReadOnlySpan<byte> utf8Json, int apiVersion) => apiVersion switch
    {
        1 => V3.InstanceSpec.FromV1(ReadV1(utf8Json)),
        2 => V3.InstanceSpec.FromV2(ReadV2(utf8Json)),
        3 => ReadV3(utf8Json),
        _ => throw new ArgumentOutOfRangeException(nameof(apiVersion), apiVersion, "API versions 1 to 3 have instance specs"),
    };

    public static V3.InstanceSpec ReadV3(ReadOnlySpan<byte> utf8Json) => Read(utf8Json, WireSpecReader.ReadV3);

    public static V3.InstanceSpec ReadV3(string json) => ReadV3(Encoding.UTF8.GetBytes(json));

    public static V3.InstanceSpec ReadV3(JsonElement element) => Guard(() => WireSpecReader.ReadV3(element, "$"));

    public static V2.InstanceSpec ReadV2(ReadOnlySpan<byte> utf8Json) => Read(utf8Json, WireSpecReader.ReadV2);

    public static V2.InstanceSpec ReadV2(string json) => ReadV2(Encoding.UTF8.GetBytes(json));

    public static InstanceSpecV0 ReadV1(ReadOnlySpan<byte> utf8Json) => Read(utf8Json, WireSpecReader.ReadV1);

    public static InstanceSpecV0 ReadV1(string json) => ReadV1(Encoding.UTF8.GetBytes(json));

    public static VersionedInstanceSpec ReadVersioned(ReadOnlySpan<byte> utf8Json) => Read(utf8Json, WireSpecReader.ReadVersioned);

    public static VersionedInstanceSpec ReadVersioned(string json) => ReadVersioned(Encoding.UTF8.GetBytes(json));

    /// <summary>Reads a migration target's <c>replace_components</c> map.</summary>
    public static ComponentMap<ReplacementComponent> ReadReplacements(string json) => Read(Encoding.UTF8.GetBytes(json), WireSpecReader.ReadReplacements);

    public static string Write(V3.InstanceSpec spec) => Write(spec, WireSpecWriter.WriteV3);

    public static string Write(V2.InstanceSpec spec) => Write(spec, WireSpecWriter.WriteV2);

    public static string Write(InstanceSpecV0 spec) => Write(spec, WireSpecWriter.WriteV1);

    public static string Write(VersionedInstanceSpec spec) => Write(spec, WireSpecWriter.WriteVersioned);

    public static string Write(ComponentMap<ReplacementComponent> replacements) => Write(replacements, WireSpecWriter.WriteReplacements);

    public static void WriteTo(Utf8JsonWriter writer, V3.InstanceSpec spec) => WireSpecWriter.WriteV3(writer, spec);

    internal static T Read<T>(ReadOnlySpan<byte> utf8Json, Func<JsonElement, string, T> read)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow, MaxDepth = DocumentOptions.MaxDepth });
            if (!JsonDocument.TryParseValue(ref reader, out var parsed))
            {
                throw new WireFormatException(WireFormatErrorKind.Syntax, "$", "empty JSON document");
            }

            document = parsed;
            if (reader.Read())
            {
                document.Dispose();
                throw new WireFormatException(WireFormatErrorKind.Syntax, "$", "trailing characters after the JSON value");
            }
        }
        catch (JsonException e) when (e is not WireFormatException)
        {
            throw new WireFormatException(WireFormatErrorKind.Syntax, "$", $"invalid JSON: {e.Message}", innerException: e);
        }

        using (document)
        {
            return Guard(() => read(document.RootElement, "$"));
        }
    }

    internal static T Read<T>(ref Utf8JsonReader reader, Func<JsonElement, string, T> read)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return Guard(() => read(document.RootElement, "$"));
    }

    private static T Guard<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (ArgumentException e)
        {
            // A wire type's own constructor check; the reader checks first, so this is a safety net.
            throw new WireFormatException(WireFormatErrorKind.InvalidValue, "$", e.Message, innerException: e);
        }
    }

    private static string Write<T>(T value, Action<Utf8JsonWriter, T> write)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer, value);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
