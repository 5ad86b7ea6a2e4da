using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.Unicode;

namespace ControlPlane.Api.Json;

/// <summary>
/// The boundary reader of request bodies (functional core): parses the UTF-8 body once into a document (a failure there
/// is malformed JSON, known by the stage, not by a message), then walks the document against the target contract's
/// <see cref="JsonTypeInfo"/> metadata (member names, required members, unmapped-member handling, polymorphic
/// discriminators, nested objects, collections and dictionaries) and reports the first unknown, missing or duplicate
/// member in document order, with its exact path. What it accepts is left to the deserializer, whose remaining failures
/// can only be wrong values (<c>invalid_field</c>). Members read by a custom converter (a wire spec, a generation) are
/// the converter's own format and are not entered.
/// </summary>
public static class JsonBodyCheck
{
    private const int DefaultMaxDepth = 64;

    /// <summary>The first violation of <paramref name="utf8Json"/> against <paramref name="contract"/>, or null.</summary>
    /// <param name="utf8Json">The request body, UTF-8.</param>
    /// <param name="contract">The contract the route binds the body to.</param>
    /// <param name="bodyOptional">The route accepts no body, so a body of <c>null</c> binds too.</param>
    public static JsonBodyViolation? Check(ReadOnlyMemory<byte> utf8Json, JsonTypeInfo contract, bool bodyOptional = false)
    {
        ArgumentNullException.ThrowIfNull(contract);
        var options = contract.Options;
        var body = WithoutByteOrderMark(utf8Json);
        if (InvalidUtf8At(body.Span) is { } invalid)
        {
            // The reader checks UTF-8 only where it must; JSON text is UTF-8 throughout (RFC 8259 §8.1).
            return InvalidUtf8(body.Span[..invalid], contract, options);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, DocumentOptions(options));
        }
        catch (JsonException failure)
        {
            // JsonDocument.Parse fails only on input that is not one JSON value (within the depth limit): malformed by stage.
            return new JsonBodyViolation
            {
                Kind = JsonBodyViolationKind.Malformed,
                Path = MalformedJsonPath.Of(body.Span, contract, ReaderOptions(options)),
                Line = failure.LineNumber + 1,
                BytePositionInLine = failure.BytePositionInLine + 1,
            };
        }

        using (document)
        {
            // A body of `null` binds no request; the framework would answer with its own prose, so it is decided here.
            return document.RootElement.ValueKind == JsonValueKind.Null && !bodyOptional && Nullable.GetUnderlyingType(contract.Type) is null
                ? new JsonBodyViolation { Kind = JsonBodyViolationKind.NullBody, Path = JsonPathText.Root }
                : Value(document.RootElement, contract, JsonPathText.Root);
        }
    }

    /// <summary>The contract a value of <paramref name="contract"/>'s type is read with (a nullable struct reads as its underlying type).</summary>
    internal static JsonTypeInfo Effective(JsonTypeInfo contract) =>
        Nullable.GetUnderlyingType(contract.Type) is { } underlying ? contract.Options.GetTypeInfo(underlying) : contract;

    /// <summary>The contract of a member's value, or null when a converter of the member reads it in its own format.</summary>
    internal static JsonTypeInfo? MemberContract(JsonPropertyInfo property) =>
        property.CustomConverter is null ? Effective(property.Options.GetTypeInfo(property.PropertyType)) : null;

    /// <summary>Finds the member a JSON name binds to, by the contract's name comparison.</summary>
    internal static JsonPropertyInfo? Find(JsonTypeInfo contract, string name)
    {
        var comparison = contract.Options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        foreach (var property in contract.Properties)
        {
            if (!property.IsExtensionData && string.Equals(property.Name, name, comparison))
            {
                return property;
            }
        }

        return null;
    }

    private static JsonBodyViolation? Value(JsonElement value, JsonTypeInfo contract, string path)
    {
        contract = Effective(contract);
        return (contract.Kind, value.ValueKind) switch
        {
            (JsonTypeInfoKind.Object, JsonValueKind.Object) => ObjectMembers(value, contract, path),
            (JsonTypeInfoKind.Enumerable, JsonValueKind.Array) => Elements(value, contract, path),
            (JsonTypeInfoKind.Dictionary, JsonValueKind.Object) => Entries(value, contract, path),
            // A scalar, a null, a converter's own format, or the wrong JSON kind: the deserializer judges the value.
            _ => null,
        };
    }

    private static JsonBodyViolation? ObjectMembers(JsonElement value, JsonTypeInfo contract, string path)
    {
        string? discriminator = null;
        if (contract.PolymorphismOptions is { } polymorphism)
        {
            discriminator = polymorphism.TypeDiscriminatorPropertyName;
            if (!value.TryGetProperty(discriminator, out var tag))
            {
                // Without its discriminator an abstract base cannot be built at all; a concrete one is read as itself.
                if (contract.Type.IsAbstract || contract.Type.IsInterface)
                {
                    return Missing(path, [discriminator]);
                }
            }
            else if (polymorphism.DerivedTypes.FirstOrDefault(derived => Names(derived, tag)) is { DerivedType: { } derivedType })
            {
                contract = contract.Options.GetTypeInfo(derivedType);
            }
            else
            {
                return null; // an unknown discriminator value: the deserializer's to refuse (invalid_field at this object)
            }
        }

        var options = contract.Options;
        var unmapped = contract.UnmappedMemberHandling ?? options.UnmappedMemberHandling;
        var hasExtensionData = contract.Properties.Any(p => p.IsExtensionData);
        var given = new HashSet<JsonPropertyInfo>();
        var metadataSeen = false;
        foreach (var member in value.EnumerateObject())
        {
            var memberPath = JsonPathText.Member(path, member.Name);
            if (discriminator is not null && member.NameEquals(discriminator))
            {
                if (metadataSeen && !options.AllowDuplicateProperties)
                {
                    return Duplicate(memberPath);
                }

                metadataSeen = true;
                continue;
            }

            if (Find(contract, member.Name) is not { } property)
            {
                if (unmapped == JsonUnmappedMemberHandling.Disallow && !hasExtensionData)
                {
                    return new JsonBodyViolation { Kind = JsonBodyViolationKind.UnknownMember, Path = memberPath };
                }

                continue;
            }

            if (!given.Add(property) && !options.AllowDuplicateProperties)
            {
                return Duplicate(memberPath);
            }

            if (MemberContract(property) is { } memberContract && Value(member.Value, memberContract, memberPath) is { } inner)
            {
                return inner;
            }
        }

        var missing = contract.Properties.Where(p => IsRequired(p, options) && !given.Contains(p)).Select(p => p.Name).ToList();
        return missing.Count > 0 ? Missing(path, missing) : null;
    }

    private static JsonBodyViolation? Elements(JsonElement value, JsonTypeInfo contract, string path)
    {
        if (contract.ElementType is not { } elementType)
        {
            return null;
        }

        var elementContract = contract.Options.GetTypeInfo(elementType);
        var index = 0;
        foreach (var element in value.EnumerateArray())
        {
            if (Value(element, elementContract, JsonPathText.Index(path, index)) is { } inner)
            {
                return inner;
            }

            index++;
        }

        return null;
    }

    private static JsonBodyViolation? Entries(JsonElement value, JsonTypeInfo contract, string path)
    {
        var valueContract = contract.ElementType is { } elementType ? contract.Options.GetTypeInfo(elementType) : null;
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in value.EnumerateObject())
        {
            var entryPath = JsonPathText.Member(path, entry.Name);
            if (!keys.Add(entry.Name) && !contract.Options.AllowDuplicateProperties)
            {
                return Duplicate(entryPath);
            }

            if (valueContract is not null && Value(entry.Value, valueContract, entryPath) is { } inner)
            {
                return inner;
            }
        }

        return null;
    }

    /// <summary>
    /// Required as the serializer enforces it: a <c>required</c>/<c>[JsonRequired]</c> member, or (when the options respect
    /// them) a constructor parameter without a default value.
    /// </summary>
    private static bool IsRequired(JsonPropertyInfo property, JsonSerializerOptions options) =>
        property.IsRequired
        || (options.RespectRequiredConstructorParameters && property.AssociatedParameter is { HasDefaultValue: false, IsMemberInitializer: false });

    private static bool Names(JsonDerivedType derived, JsonElement tag) => derived.TypeDiscriminator switch
    {
        string name => tag.ValueKind == JsonValueKind.String && tag.ValueEquals(name),
        int number => tag.ValueKind == JsonValueKind.Number && tag.TryGetInt32(out var given) && given == number,
        _ => false,
    };

    private static JsonBodyViolation Missing(string path, IReadOnlyList<string> names) =>
        new() { Kind = JsonBodyViolationKind.MissingMembers, Path = path, MissingNames = names };

    private static JsonBodyViolation Duplicate(string path) => new() { Kind = JsonBodyViolationKind.DuplicateMember, Path = path };

    private static int? InvalidUtf8At(ReadOnlySpan<byte> utf8Json)
    {
        if (Utf8.IsValid(utf8Json))
        {
            return null;
        }

        Span<char> scratch = stackalloc char[256];
        var offset = 0;
        while (true)
        {
            var status = Utf8.ToUtf16(utf8Json[offset..], scratch, out var read, out _, replaceInvalidSequences: false, isFinalBlock: true);
            offset += read;
            if (status != OperationStatus.DestinationTooSmall)
            {
                return offset;
            }
        }
    }

    /// <summary>Invalid UTF-8 right after <paramref name="before"/>: located like a parse failure there.</summary>
    private static JsonBodyViolation InvalidUtf8(ReadOnlySpan<byte> before, JsonTypeInfo contract, JsonSerializerOptions options)
    {
        var line = before.Count((byte)'\n');
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        return new JsonBodyViolation
        {
            Kind = JsonBodyViolationKind.Malformed,
            Path = MalformedJsonPath.Of(before, contract, ReaderOptions(options)),
            Line = line + 1,
            BytePositionInLine = before.Length - lineStart + 1,
        };
    }

    private static ReadOnlyMemory<byte> WithoutByteOrderMark(ReadOnlyMemory<byte> utf8Json) =>
        utf8Json.Span.StartsWith("\uFEFF"u8) ? utf8Json[3..] : utf8Json;

    private static JsonDocumentOptions DocumentOptions(JsonSerializerOptions options) => new()
    {
        MaxDepth = options.MaxDepth == 0 ? DefaultMaxDepth : options.MaxDepth,
        AllowTrailingCommas = options.AllowTrailingCommas,
        CommentHandling = options.ReadCommentHandling == JsonCommentHandling.Disallow ? JsonCommentHandling.Disallow : JsonCommentHandling.Skip,
        AllowDuplicateProperties = true, // duplicates are judged against the contract below, with their path
    };

    private static JsonReaderOptions ReaderOptions(JsonSerializerOptions options) => new()
    {
        MaxDepth = options.MaxDepth == 0 ? DefaultMaxDepth : options.MaxDepth,
        AllowTrailingCommas = options.AllowTrailingCommas,
        CommentHandling = options.ReadCommentHandling == JsonCommentHandling.Disallow ? JsonCommentHandling.Disallow : JsonCommentHandling.Skip,
    };
}
