using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ControlPlane.Runtime.Invocation;

namespace ControlPlane.Runtime.Serialization;

/// <summary>
/// The runtime's one serializer (System.Text.Json): request and response bodies, deep copies of in-process
/// arguments, and grain state. Grain references round-trip as references bound to this runtime.
/// Application JsonSerializerContexts can be added for source-generated speed; reflection is the fallback.
/// </summary>
public sealed class GrainSerializer
{
    internal GrainSerializer(IGrainCallSender sender, IEnumerable<Action<JsonSerializerOptions>> configure)
    {
        Options = new JsonSerializerOptions(JsonSerializerDefaults.General)
        {
            IncludeFields = true,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };
        Options.Converters.Add(new GrainReferenceJsonConverterFactory(sender));
        foreach (var action in configure)
        {
            action(Options);
        }

        Options.MakeReadOnly(populateMissingResolver: true);
    }

    public JsonSerializerOptions Options { get; }

    public byte[] Serialize(object? value, Type type) => JsonSerializer.SerializeToUtf8Bytes(value, type, Options);

    public object? Deserialize(ReadOnlySpan<byte> utf8Json, Type type) => JsonSerializer.Deserialize(utf8Json, type, Options);

    public T? Deserialize<T>(ReadOnlySpan<byte> utf8Json) => (T?)JsonSerializer.Deserialize(utf8Json, typeof(T), Options);

    /// <summary>A copy that shares no mutable object with <paramref name="value"/>.</summary>
    public object? DeepCopy(object? value, Type type)
    {
        if (value is null)
        {
            return null;
        }

        var bytes = JsonSerializer.SerializeToUtf8Bytes(value, type, Options);
        return JsonSerializer.Deserialize(bytes, type, Options);
    }
}
