using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using ControlPlane.Api.Instances;
using ControlPlane.Api.Json;
using ControlPlane.Api.Problems;
using ControlPlane.Api.Specs;
using Xunit;

namespace ControlPlane.Api.Tests.Json;

/// <summary>
/// The boundary reader decides each kind of body error from the contract (no serializer message involved), at the exact
/// path, and is never stricter than the deserializer: whatever it refuses, System.Text.Json refuses too.
/// </summary>
public sealed class JsonBodyCheckTests
{
    private static readonly JsonSerializerOptions Options = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
        ApiJson.Configure(options);
        options.MakeReadOnly();
        return options;
    }

    private static JsonBodyViolation? Check<T>(string json) => JsonBodyCheck.Check(Encoding.UTF8.GetBytes(json), Options.GetTypeInfo(typeof(T)));

    private static JsonBodyViolation AssertViolation<T>(string json, JsonBodyViolationKind kind, string path)
    {
        var violation = Check<T>(json);
        Assert.NotNull(violation);
        Assert.Equal(kind, violation.Kind);
        Assert.Equal(path, violation.Path);
        // Never stricter than the deserializer: what the reader refuses, System.Text.Json cannot read either.
        Assert.ThrowsAny<Exception>(() => JsonSerializer.Deserialize<T>(json, Options));
        return violation;
    }

    private static void AssertAccepted<T>(string json)
    {
        Assert.Null(Check<T>(json));
        Assert.NotNull(JsonSerializer.Deserialize<T>(json, Options));
    }

    [Fact]
    public void A_null_body_is_refused_unless_the_route_takes_no_body_or_a_nullable_value()
    {
        var violation = Check<Order>(" null ");
        Assert.NotNull(violation);
        Assert.Equal(JsonBodyViolationKind.NullBody, violation.Kind);
        Assert.Equal("$", violation.Path);
        Assert.Null(JsonBodyCheck.Check(Encoding.UTF8.GetBytes("null"), Options.GetTypeInfo(typeof(Order)), bodyOptional: true));
        Assert.Null(JsonBodyCheck.Check(Encoding.UTF8.GetBytes("null"), Options.GetTypeInfo(typeof(int?))));
    }

    [Theory]
    [InlineData("{bad", "$")]
    [InlineData("", "$")]
    [InlineData("tru", "$")]
    [InlineData("""{"name": }""", "$.name")]
    [InlineData("""{"name":"a","parts":[{"size":1},{"size": ]}""", "$.parts[1].size")]
    [InlineData("""{"name":"a","tags":[1,2""", "$.tags")]
    [InlineData("""{"name":"a","parts":[{"size":1},[}]}""", "$.parts[1]")]
    [InlineData("""{"name":"a","labels":{"x":""", "$.labels.x")]
    [InlineData("""{"name":"a","raw":{"deep":[1,{"x":}]}}""", "$.raw")]
    [InlineData("""{"name":"a",}""", "$.name")]
    [InlineData("""{"name":"a"} {}""", "$")]
    public void Malformed_json_is_known_by_the_parse_and_located_within_the_contract(string json, string path)
    {
        var violation = AssertViolation<Order>(json, JsonBodyViolationKind.Malformed, path);
        Assert.NotNull(violation.Line);
        Assert.NotNull(violation.BytePositionInLine);
    }

    [Fact]
    public void Malformed_json_reports_line_and_byte()
    {
        var violation = AssertViolation<Order>("{\n  \"name\": x}", JsonBodyViolationKind.Malformed, "$.name");
        Assert.Equal(2, violation.Line);
        Assert.Equal(11, violation.BytePositionInLine);
    }

    [Fact]
    public void Invalid_utf8_is_malformed()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"name":"a?"}""");
        bytes[10] = 0xFF;
        var violation = JsonBodyCheck.Check(bytes, Options.GetTypeInfo(typeof(Order)));
        Assert.Equal(JsonBodyViolationKind.Malformed, violation?.Kind);
        Assert.Equal("$.name", violation?.Path);
        Assert.Equal(1, violation?.Line);
        Assert.Equal(11, violation?.BytePositionInLine);
    }

    [Fact]
    public void A_utf8_byte_order_mark_is_not_part_of_the_json()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("""{"name":"a"}""")).ToArray();
        Assert.Null(JsonBodyCheck.Check(bytes, Options.GetTypeInfo(typeof(Order))));
    }

    [Theory]
    [InlineData("""{"name":"a","colour":"red"}""", "$.colour")]
    [InlineData("""{"name":"a","parts":[{"size":1},{"size":2,"weight":3}]}""", "$.parts[1].weight")]
    [InlineData("""{"name":"a","address":{"city":"x","zip":"1"}}""", "$.address.zip")]
    [InlineData("""{"name":"a","labels":{"k":{"city":"x","planet":"mars"}}}""", "$.labels.k.planet")]
    [InlineData("""{"name":"a","odd name":1}""", "$['odd name']")]
    [InlineData("""{"name":"a","it's":1}""", "$['it\\'s']")]
    [InlineData("""{"name":"a","a.b":1}""", "$['a.b']")]
    [InlineData("""{"name":"a","Name":"b"}""", "$.Name")]
    [InlineData("""{"name":"a","shape":{"kind":"circle","radius":1,"sides":3}}""", "$.shape.sides")]
    [InlineData("""{"name":"a","shape":{"radius":1,"sides":3,"kind":"circle"}}""", "$.shape.sides")]
    public void An_unknown_member_is_reported_at_its_path(string json, string path) =>
        AssertViolation<Order>(json, JsonBodyViolationKind.UnknownMember, path);

    [Fact]
    public void The_first_problem_in_document_order_wins()
    {
        // The unknown member comes before the nested one, and the missing member is only known at the object's end.
        AssertViolation<Order>("""{"first":1,"parts":[{"weight":1}]}""", JsonBodyViolationKind.UnknownMember, "$.first");
        AssertViolation<Order>("""{"parts":[{"weight":1}],"first":1}""", JsonBodyViolationKind.UnknownMember, "$.parts[0].weight");
        AssertViolation<Order>("""{"parts":[{"size":1}],"name":"a","name":"b"}""", JsonBodyViolationKind.DuplicateMember, "$.name");
    }

    [Theory]
    [InlineData("{}", "$", new[] { "name" })]
    [InlineData("""{"name":"a","parts":[{"size":1},{}]}""", "$.parts[1]", new[] { "size" })]
    [InlineData("""{"name":"a","address":{}}""", "$.address", new[] { "city" })]
    [InlineData("""{"name":"a","shape":{"kind":"square"}}""", "$.shape", new[] { "side" })]
    [InlineData("""{"name":"a","shape":{"radius":1}}""", "$.shape", new[] { "kind" })]
    [InlineData("""{"name":"a","point":{}}""", "$.point", new[] { "x", "y" })]
    [InlineData("""{"name":"a","point":{"y":1}}""", "$.point", new[] { "x" })]
    public void Missing_required_members_are_reported_on_their_object(string json, string path, string[] names)
    {
        var violation = AssertViolation<Order>(json, JsonBodyViolationKind.MissingMembers, path);
        Assert.Equal(names, violation.MissingNames);
    }

    [Fact]
    public void A_required_member_given_as_null_is_present_and_left_to_the_deserializer()
    {
        Assert.Null(Check<Order>("""{"name":null}"""));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Order>("""{"name":null}""", Options));
    }

    [Theory]
    [InlineData("""{"name":"a","name":"b"}""", "$.name")]
    [InlineData("""{"name":"a","parts":[{"size":1,"size":2}]}""", "$.parts[0].size")]
    [InlineData("""{"name":"a","labels":{"k":{"city":"x"},"k":{"city":"y"}}}""", "$.labels.k")]
    [InlineData("""{"name":"a","shape":{"kind":"circle","radius":1,"kind":"circle"}}""", "$.shape.kind")]
    public void A_duplicate_member_is_reported_at_its_second_occurrence(string json, string path) =>
        AssertViolation<Order>(json, JsonBodyViolationKind.DuplicateMember, path);

    [Theory]
    [InlineData("""{"name":"a"}""")]
    [InlineData("""{"name":"a","parts":[],"tags":[1,2],"labels":{},"address":null,"raw":{"any":[{"thing":1}],"any":2}}""")]
    [InlineData("""{"name":"a","shape":{"radius":2,"kind":"circle"}}""")]
    [InlineData("""{"name":"a","point":{"x":1,"y":2}}""")]
    [InlineData("""{"name":"a","lenient":{"known":1,"unknown":{"z":1}}}""")]
    [InlineData("""{"name":"a","generation":{"whatever":"the converter reads"}}""")]
    public void A_body_that_fits_the_contract_passes(string json) => AssertAccepted<Order>(json);

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("42")]
    [InlineData("""{"name":"a","parts":{"size":1}}""")]
    [InlineData("""{"name":"a","shape":{"kind":"hexagon"}}""")]
    [InlineData("""{"name":"a","tags":["x"]}""")]
    public void Wrong_kinds_and_values_are_left_to_the_deserializer(string json)
    {
        Assert.Null(Check<Order>(json));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Order>(json, Options));
    }

    [Fact]
    public void A_wire_spec_member_is_read_as_sent_so_its_duplicates_reach_the_spec_reader()
    {
        var spec = """{"board":{"cpus":1,"cpus":2},"components":{}}""";
        Assert.Null(Check<MigrationCompatibilityRequest>("{\"source\":" + spec + ",\"target\":" + spec + "}"));
        Assert.Null(Check<WireSpecBody>(spec));
        Assert.Null(Check<CreateInstanceRequest>("""{"name":"vm","spec":""" + spec + "}"));
        AssertViolation<MigrationCompatibilityRequest>("{\"source\":" + spec + ",\"source\":" + spec + ",\"target\":" + spec + "}", JsonBodyViolationKind.DuplicateMember, "$.source");
    }

    [Theory]
    [InlineData("""{"name":"vm","ncpus":2,"memory_mib":1024,"disks":[{"id":"5d3b7c1e-9a51-4a43-8f0e-2f3f7e0c8b11","name":"d","slot":0,"backing":{"type":"file","path":"/d"}}]}""", JsonBodyViolationKind.MissingMembers, "$.disks[0].backing")]
    [InlineData("""{"name":"vm","disks":[{"id":"5d3b7c1e-9a51-4a43-8f0e-2f3f7e0c8b11","name":"d","slot":0,"backing":{"path":"/d","block_size":512}}]}""", JsonBodyViolationKind.MissingMembers, "$.disks[0].backing")]
    [InlineData("""{"name":"vm","nics":[{"id":"5d3b7c1e-9a51-4a43-8f0e-2f3f7e0c8b11","slot":0,"vnic":"x"}]}""", JsonBodyViolationKind.UnknownMember, "$.nics[0].vnic")]
    [InlineData("""{"name":"vm","spec":{},"spec":{}}""", JsonBodyViolationKind.DuplicateMember, "$.spec")]
    public void The_create_request_contract_is_checked_through_its_nested_types(string json, JsonBodyViolationKind kind, string path) =>
        AssertViolation<CreateInstanceRequest>(json, kind, path);

    [Fact]
    public void A_type_that_skips_unknown_members_is_not_refused_for_them()
    {
        var body = """{"vmm_state":{"state":"running","gen":1,"time_updated":"2026-01-01T00:00:00Z","later":true},"migration_in":null,"migration_out":null,"extra":{"a":1}}""";
        AssertAccepted<Grains.Abstractions.Vmms.V1.SledVmmState>(body);
        AssertViolation<Grains.Abstractions.Vmms.V1.SledVmmState>("""{"vmm_state":{"state":"running","time_updated":"2026-01-01T00:00:00Z","x":1}}""", JsonBodyViolationKind.MissingMembers, "$.vmm_state");
    }

    public static TheoryData<JsonBodyViolation, string, string> Problems() => new()
    {
        { new JsonBodyViolation { Kind = JsonBodyViolationKind.Malformed, Path = "$.a", Line = 1, BytePositionInLine = 5 }, ErrorCodes.MalformedJson, "$.a" },
        { new JsonBodyViolation { Kind = JsonBodyViolationKind.UnknownMember, Path = "$.a.b" }, ErrorCodes.UnknownField, "$.a.b" },
        { new JsonBodyViolation { Kind = JsonBodyViolationKind.MissingMembers, Path = "$.a[2]", MissingNames = ["x", "odd name"] }, ErrorCodes.MissingField, "$.a[2].x" },
        { new JsonBodyViolation { Kind = JsonBodyViolationKind.DuplicateMember, Path = "$.a" }, ErrorCodes.InvalidField, "$.a" },
    };

    [Theory]
    [MemberData(nameof(Problems))]
    public void Each_violation_kind_is_its_error_code_with_the_field_named_in_the_message(JsonBodyViolation violation, string errorCode, string field)
    {
        var problem = JsonProblems.From(violation);
        Assert.Equal(400, problem.Status);
        Assert.Equal(errorCode, problem.ErrorCode);
        Assert.Equal(field, problem.Extensions["field"]);
        Assert.Contains(field, problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_missing_member_is_named_in_the_message()
    {
        var problem = JsonProblems.From(new JsonBodyViolation { Kind = JsonBodyViolationKind.MissingMembers, Path = "$", MissingNames = ["source", "target"] });
        Assert.Contains("$.source", problem.Detail, StringComparison.Ordinal);
        Assert.Contains("$.target", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deserializer_failure_is_an_invalid_field_at_its_path_whatever_its_message()
    {
        var problem = JsonProblems.From(new JsonException("could not be mapped; missing required properties including: 'x'; Duplicate", "$.parts[3].size", null, null));
        Assert.Equal(ErrorCodes.InvalidField, problem.ErrorCode);
        Assert.Equal("$.parts[3].size", problem.Extensions["field"]);
        Assert.Equal(ErrorCodes.InvalidField, JsonProblems.From(new JsonException()).ErrorCode);
        Assert.Equal("$", JsonProblems.From(new JsonException()).Extensions["field"]);
    }

    [Theory]
    [InlineData("plain", "$.plain")]
    [InlineData("snake_case", "$.snake_case")]
    [InlineData("with space", "$['with space']")]
    [InlineData("a'b", "$['a\\'b']")]
    [InlineData("", "$['']")]
    public void Paths_use_brackets_for_names_a_dot_cannot_carry(string name, string path) =>
        Assert.Equal(path, JsonPathText.Member("$", name));

    /// <summary>A contract with every shape the reader walks: nested objects, lists, dictionaries, a polymorphic member, ctor parameters.</summary>
    public sealed record Order
    {
        public required string Name { get; init; }

        public IReadOnlyList<Part>? Parts { get; init; }

        public int[]? Tags { get; init; }

        public Dictionary<string, Address>? Labels { get; init; }

        public Address? Address { get; init; }

        public Shape? Shape { get; init; }

        public Point? Point { get; init; }

        public Lenient? Lenient { get; init; }

        [JsonConverter(typeof(AnyJsonConverter))]
        public JsonElement? Raw { get; init; }

        public Generation? Generation { get; init; }
    }

    public sealed record Part
    {
        public required int Size { get; init; }
    }

    public sealed record Address
    {
        public required string City { get; init; }
    }

    /// <summary>Positional: its members are required as constructor parameters.</summary>
    public sealed record Point(int X, int Y);

    [JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
    [JsonDerivedType(typeof(Circle), "circle")]
    [JsonDerivedType(typeof(Square), "square")]
    public abstract record Shape;

    public sealed record Circle : Shape
    {
        public required int Radius { get; init; }
    }

    public sealed record Square : Shape
    {
        public required int Side { get; init; }
    }

    [JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)]
    public sealed record Lenient
    {
        public int Known { get; init; }
    }

    /// <summary>A type with its own converter: its JSON is the converter's business.</summary>
    [JsonConverter(typeof(GenerationConverter))]
    public sealed record Generation(string Text);

    public sealed class GenerationConverter : JsonConverter<Generation>
    {
        public override Generation Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            using var document = JsonDocument.ParseValue(ref reader);
            return new Generation(document.RootElement.GetRawText());
        }

        public override void Write(Utf8JsonWriter writer, Generation value, JsonSerializerOptions options) => writer.WriteRawValue(value.Text);
    }

    public sealed class AnyJsonConverter : JsonConverter<JsonElement?>
    {
        public override JsonElement? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => JsonElement.ParseValue(ref reader);

        public override void Write(Utf8JsonWriter writer, JsonElement? value, JsonSerializerOptions options) => value?.WriteTo(writer);
    }
}
