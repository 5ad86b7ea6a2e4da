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
    /// <summary>The newest Propolis API version whose spec shape this assembly knows (6, NVME_WRITE_CACHE).</summary>
    public const int LatestApiVersion = V6.InstanceSpec.ApiVersion;

    /// <summary>
    /// The version a spec is read in when a request names none: 5, the shape every client used before version 6 (so
    /// existing callers keep working). Omicron names 6 explicitly.
    /// </summary>
    public const int DefaultApiVersion = V6.InstanceSpec.PreviousShapeApiVersion;

    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 64 };

    /// <summary>
    /// Reads a spec in the shape of Propolis API version <paramref name="apiVersion"/> (1 to 6; 3, 4 and 5 share one shape)
    /// and up-converts it to the latest shape.
    /// </summary>
    public static V6.InstanceSpec ReadAnyVersion(ReadOnlySpan<byte> utf8Json, int apiVersion) => apiVersion switch
    {
        1 => V6.InstanceSpec.FromV5(V3.InstanceSpec.FromV1(ReadV1(utf8Json))),
        2 => V6.InstanceSpec.FromV5(V3.InstanceSpec.FromV2(ReadV2(utf8Json))),
        3 or 4 or 5 => V6.InstanceSpec.FromV5(ReadV3(utf8Json)),
        6 => ReadV6(utf8Json),
        _ => throw new ArgumentOutOfRangeException(nameof(apiVersion), apiVersion, "Propolis API versions 1 to 6 have instance specs"),
    };

    /// <summary>Whether <paramref name="apiVersion"/> names a Propolis API version with an instance spec this assembly reads.</summary>
    public static bool IsKnownApiVersion(int apiVersion) => apiVersion is >= 1 and <= LatestApiVersion;

    public static V6.InstanceSpec ReadV6(ReadOnlySpan<byte> utf8Json) => Read(utf8Json, WireSpecReader.ReadV6);

    public static V6.InstanceSpec ReadV6(string json) => ReadV6(Encoding.UTF8.GetBytes(json));

    public static string Write(V6.InstanceSpec spec) => Write(spec, WireSpecWriter.WriteV6);

    /// <summary>
    /// Writes the latest spec in the shape of <paramref name="apiVersion"/> (1 to 6), as Propolis' responses do: version 2
    /// drops <c>virtio_socket</c>s, version 1 <c>smbios</c>; down to 5 an NVMe disk without a write cache is refused
    /// (<see cref="V6.SpecDowngradeRefusedException"/>), never dropped.
    /// </summary>
    public static string WriteAsVersion(V6.InstanceSpec spec, int apiVersion)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return apiVersion switch
        {
            6 => Write(spec),
            3 or 4 or 5 => Write(spec.ToV5()),
            2 => Write(spec.ToV5().ToV2()),
            1 => Write(spec.ToV5().ToV2().ToV1()),
            _ => throw new ArgumentOutOfRangeException(nameof(apiVersion), apiVersion, "Propolis API versions 1 to 6 have instance specs"),
        };
    }

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
