using System.Text.Json.Nodes;
using Xunit;

namespace ControlPlane.Api.Tests.OpenApi;

/// <summary>The validator behind <see cref="ResponseConformanceTests"/> finds the mismatches it exists to find.</summary>
public sealed class OpenApiSchemaValidatorTests
{
    private static readonly JsonNode Document = JsonNode.Parse("""
        {"components":{"schemas":{
          "Side":{"type":"object","required":["gen"],"properties":{"gen":{"type":"integer","minimum":0}},"additionalProperties":false},
          "State":{"type":"string","enum":["running","stopped"]}}}}
        """)!;

    private static IReadOnlyList<string> Check(string value, string schema) =>
        new OpenApiSchemaValidator(Document).Validate(JsonNode.Parse(value), JsonNode.Parse(schema)!);

    [Fact]
    public void A_null_where_the_schema_wants_an_object_fails_and_a_nullable_type_passes()
    {
        // The mistake the internal-v2 document had: migration sides documented as non-nullable objects.
        Assert.NotEmpty(Check("""{"migration_in":null}""", """{"type":"object","properties":{"migration_in":{"type":"object"}}}"""));
        Assert.Empty(Check("""{"migration_in":null}""", """{"type":"object","properties":{"migration_in":{"type":["null","object"]}}}"""));
        Assert.Empty(Check("""{"migration_in":null}""", """{"properties":{"migration_in":{"oneOf":[{"type":"null"},{"$ref":"#/components/schemas/Side"}]}}}"""));
    }

    [Theory]
    [InlineData("""{"gen":-1}""")]
    [InlineData("""{"gen":1.5}""")]
    [InlineData("""{"gen":"1"}""")]
    [InlineData("""{}""")]
    [InlineData("""{"gen":1,"failure_reason":null}""")]
    public void References_types_minimum_required_and_closed_objects_are_enforced(string value) =>
        Assert.NotEmpty(Check(value, """{"$ref":"#/components/schemas/Side"}"""));

    [Fact]
    public void Enums_and_unknown_keywords_fail()
    {
        Assert.Empty(Check("\"running\"", """{"$ref":"#/components/schemas/State"}"""));
        Assert.NotEmpty(Check("\"sleeping\"", """{"$ref":"#/components/schemas/State"}"""));
        Assert.NotEmpty(Check("1", """{"type":"integer","multipleOf":2}"""));
    }
}
