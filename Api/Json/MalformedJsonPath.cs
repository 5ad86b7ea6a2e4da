using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ControlPlane.Api.Json;

/// <summary>
/// Where in a malformed body the reader stopped, as the JSONPath of the innermost member or open element being read. Like
/// the deserializer's own paths, the path descends only through parts the contract types (objects, collections,
/// dictionaries); inside a value a converter reads in its own format (a wire spec) it stays at that value.
/// </summary>
internal static class MalformedJsonPath
{
    public static string Of(ReadOnlySpan<byte> utf8Json, JsonTypeInfo contract, JsonReaderOptions readerOptions)
    {
        var frames = new Stack<Frame>();
        var reader = new Utf8JsonReader(utf8Json, readerOptions);
        Frame? pendingRoot = new Frame(JsonPathText.Root, JsonBodyCheck.Effective(contract));
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        if (frames.TryPeek(out var owner))
                        {
                            owner.Member = reader.GetString();
                        }

                        break;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        frames.Push(frames.TryPeek(out var parent) ? parent.Child() : pendingRoot!);
                        pendingRoot = null;
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        frames.Pop();
                        break;
                    default:
                        if (frames.TryPeek(out var holder))
                        {
                            holder.BeginElement();
                        }

                        break;
                }
            }
        }
        catch (JsonException)
        {
            // Expected: the body is malformed, and this is where it shows.
        }

        return frames.TryPeek(out var innermost) ? innermost.CurrentPath() : JsonPathText.Root;
    }

    /// <summary>One open object or array: its path and, when the contract types it, that contract.</summary>
    private sealed class Frame(string path, JsonTypeInfo? contract)
    {
        private int _elements;

        public string? Member { get; set; }

        /// <summary>The path of the member being read (for an array, or where the contract stops, the frame's own path).</summary>
        public string CurrentPath() => contract switch
        {
            { Kind: JsonTypeInfoKind.Object or JsonTypeInfoKind.Dictionary } when Member is not null => JsonPathText.Member(path, Member),
            _ => path,
        };

        /// <summary>The frame of an object or array that opens as the current member or element.</summary>
        public Frame Child()
        {
            if (contract is null)
            {
                return new Frame(path, null);
            }

            BeginElement();
            var childPath = contract.Kind == JsonTypeInfoKind.Enumerable ? JsonPathText.Index(path, _elements - 1) : CurrentPath();
            return new Frame(childPath, ChildContract());
        }

        /// <summary>A value starts as the next element (of an array; elsewhere nothing to count).</summary>
        public void BeginElement()
        {
            if (contract is { Kind: JsonTypeInfoKind.Enumerable })
            {
                _elements++;
            }
        }

        private JsonTypeInfo? ChildContract()
        {
            switch (contract)
            {
                case { Kind: JsonTypeInfoKind.Object } when Member is not null:
                    var property = JsonBodyCheck.Find(contract, Member) ?? DerivedMember(contract, Member);
                    return property is null ? null : JsonBodyCheck.MemberContract(property);
                case { Kind: JsonTypeInfoKind.Enumerable or JsonTypeInfoKind.Dictionary, ElementType: { } elementType }:
                    var element = JsonBodyCheck.Effective(contract.Options.GetTypeInfo(elementType));
                    return element.Kind == JsonTypeInfoKind.None ? null : element;
                default:
                    return null;
            }
        }

        /// <summary>A polymorphic object's discriminator may not have been read yet: a member of any derived type counts.</summary>
        private static JsonPropertyInfo? DerivedMember(JsonTypeInfo contract, string name) =>
            contract.PolymorphismOptions?.DerivedTypes
                .Select(derived => JsonBodyCheck.Find(contract.Options.GetTypeInfo(derived.DerivedType), name))
                .FirstOrDefault(property => property is not null);
    }
}
