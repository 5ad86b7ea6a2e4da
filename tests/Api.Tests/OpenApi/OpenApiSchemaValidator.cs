using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ControlPlane.Api.Tests.OpenApi;

/// <summary>
/// Validates a JSON value against a schema of a committed OpenAPI 3.1 document: the keywords the gateway's documents use
/// (type and type arrays, enum, properties, required, additionalProperties, items, $ref, oneOf/anyOf/allOf, minimum,
/// pattern, formats uuid/date-time/int32/int64). A keyword it does not know is itself a failure, so a schema it cannot
/// judge never passes silently.
/// </summary>
public sealed class OpenApiSchemaValidator(JsonNode document)
{
    private static readonly HashSet<string> Annotations = new(StringComparer.Ordinal) { "description", "title", "deprecated", "readOnly", "writeOnly", "example", "examples", "default", "externalDocs" };

    public IReadOnlyList<string> Validate(JsonNode? value, JsonNode schema, string path = "$")
    {
        var errors = new List<string>();
        Check(value, schema, path, errors);
        return errors;
    }

    private void Check(JsonNode? value, JsonNode schema, string path, List<string> errors)
    {
        var s = schema.AsObject();
        foreach (var (keyword, argument) in s)
        {
            switch (keyword)
            {
                case "$ref":
                    Check(value, Resolve(argument!.GetValue<string>()), path, errors);
                    break;
                case "type":
                    CheckType(value, argument!, path, errors);
                    break;
                case "enum":
                    if (!argument!.AsArray().Any(option => JsonNode.DeepEquals(option, value)))
                    {
                        errors.Add($"{path}: {Text(value)} is not one of {argument.ToJsonString()}");
                    }

                    break;
                case "properties":
                    if (value is JsonObject o)
                    {
                        foreach (var (name, propertySchema) in argument!.AsObject())
                        {
                            if (o.TryGetPropertyValue(name, out var member))
                            {
                                Check(member, propertySchema!, $"{path}.{name}", errors);
                            }
                        }
                    }

                    break;
                case "required":
                    if (value is JsonObject required)
                    {
                        foreach (var name in argument!.AsArray().Select(n => n!.GetValue<string>()).Where(n => !required.ContainsKey(n)))
                        {
                            errors.Add($"{path}: required member '{name}' is missing");
                        }
                    }

                    break;
                case "additionalProperties":
                    if (value is JsonObject extra)
                    {
                        var known = s["properties"]?.AsObject().Select(p => p.Key).ToHashSet(StringComparer.Ordinal) ?? [];
                        foreach (var (name, member) in extra.Where(p => !known.Contains(p.Key)))
                        {
                            if (argument is JsonValue flag && flag.GetValueKind() == JsonValueKind.False)
                            {
                                errors.Add($"{path}: member '{name}' is not in the schema (additionalProperties: false)");
                            }
                            else if (argument is JsonObject)
                            {
                                Check(member, argument, $"{path}.{name}", errors);
                            }
                        }
                    }

                    break;
                case "items":
                    if (value is JsonArray array)
                    {
                        for (var i = 0; i < array.Count; i++)
                        {
                            Check(array[i], argument!, $"{path}[{i}]", errors);
                        }
                    }

                    break;
                case "oneOf":
                case "anyOf":
                    var matches = argument!.AsArray().Count(option => Validate(value, option!, path).Count == 0);
                    if (keyword == "oneOf" ? matches != 1 : matches == 0)
                    {
                        errors.Add($"{path}: {Text(value)} matches {matches} of the {keyword} alternatives");
                    }

                    break;
                case "allOf":
                    foreach (var part in argument!.AsArray())
                    {
                        Check(value, part!, path, errors);
                    }

                    break;
                case "minimum":
                    if (value is JsonValue number && number.GetValueKind() == JsonValueKind.Number
                        && decimal.Parse(number.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture) < decimal.Parse(argument!.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture))
                    {
                        errors.Add($"{path}: {Text(value)} is below the minimum {argument}");
                    }

                    break;
                case "pattern":
                    if (value is JsonValue text && text.GetValueKind() == JsonValueKind.String && !Regex.IsMatch(text.GetValue<string>(), argument!.GetValue<string>()))
                    {
                        errors.Add($"{path}: {Text(value)} does not match {argument}");
                    }

                    break;
                case "format":
                    CheckFormat(value, argument!.GetValue<string>(), path, errors);
                    break;
                default:
                    if (!Annotations.Contains(keyword))
                    {
                        errors.Add($"{path}: the validator does not know schema keyword '{keyword}'");
                    }

                    break;
            }
        }
    }

    private static void CheckType(JsonNode? value, JsonNode type, string path, List<string> errors)
    {
        var allowed = type is JsonArray many ? many.Select(t => t!.GetValue<string>()).ToArray() : [type.GetValue<string>()];
        var actual = value switch
        {
            null => "null",
            JsonObject => "object",
            JsonArray => "array",
            JsonValue v => v.GetValueKind() switch
            {
                JsonValueKind.String => "string",
                JsonValueKind.True or JsonValueKind.False => "boolean",
                JsonValueKind.Number => "number",
                _ => "null",
            },
            _ => "unknown",
        };
        var isInteger = actual == "number" && !value!.ToJsonString().Contains('.', StringComparison.Ordinal) && !value.ToJsonString().Contains('e', StringComparison.OrdinalIgnoreCase);
        if (!allowed.Contains(actual) && !(isInteger && allowed.Contains("integer")))
        {
            errors.Add($"{path}: {Text(value)} is {actual}, the schema wants {string.Join(" or ", allowed)}");
        }
    }

    private static void CheckFormat(JsonNode? value, string format, string path, List<string> errors)
    {
        if (value is not JsonValue v)
        {
            return;
        }

        var ok = format switch
        {
            "uuid" => v.GetValueKind() != JsonValueKind.String || Guid.TryParseExact(v.GetValue<string>(), "D", out _),
            "date-time" => v.GetValueKind() != JsonValueKind.String || DateTimeOffset.TryParse(v.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            "int32" => v.GetValueKind() != JsonValueKind.Number || int.TryParse(v.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
            "int64" => v.GetValueKind() != JsonValueKind.Number || long.TryParse(v.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
            _ => true,
        };
        if (!ok)
        {
            errors.Add($"{path}: {Text(value)} is not a valid {format}");
        }
    }

    private JsonNode Resolve(string reference)
    {
        const string prefix = "#/components/schemas/";
        if (!reference.StartsWith(prefix, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"unsupported $ref {reference}");
        }

        return document["components"]?["schemas"]?[reference[prefix.Length..]] ?? throw new InvalidOperationException($"dangling $ref {reference}");
    }

    private static string Text(JsonNode? value) => value?.ToJsonString() ?? "null";
}
