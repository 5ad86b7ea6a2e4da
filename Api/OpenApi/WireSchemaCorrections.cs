using System.Reflection;
using ControlPlane.Api.Problems;
using ControlPlane.Grains.Abstractions.Vmms;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ControlPlane.Api.OpenApi;

/// <summary>
/// Makes generated schemas say what the server sends: problem documents carry <c>error_code</c>, <c>request_id</c> and
/// <c>message</c> (the last two required, as Dropshot's <c>Error</c>); a <c>Generation</c> is an integer; snake_case
/// enums are strings. <see cref="MarkNullableMembers"/> does what the generator omits for schemas it inlines: a nullable
/// reference property (a migration side) admits <c>null</c>.
/// </summary>
internal static class WireSchemaCorrections
{
    public static void Apply(OpenApiSchema schema, OpenApiSchemaTransformerContext context)
    {
        var type = context.JsonTypeInfo.Type;
        if (type == typeof(Microsoft.AspNetCore.Mvc.ProblemDetails))
        {
            schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
            schema.Properties[ProblemMembers.ErrorCode] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = "Stable machine-readable error code (invalid_spec, not_found, invalid_state, NO_SUCH_INSTANCE, ...).",
            };
            schema.Properties[ProblemMembers.RequestId] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = "Dropshot's request id: the x-request-id response header (the trace id when the request is traced).",
            };
            schema.Properties[ProblemMembers.Message] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The human-readable sentence (Dropshot's message)." };
            schema.Required = new HashSet<string>(StringComparer.Ordinal) { ProblemMembers.ErrorCode, ProblemMembers.RequestId, ProblemMembers.Message };
            schema.AdditionalPropertiesAllowed = true;
            schema.AdditionalProperties = null;
        }
        else if (type == typeof(Specs.WireSpecBody))
        {
            schema.Type = JsonSchemaType.Object;
            schema.Description = "A Propolis wire instance spec (board, components, smbios) in the shape of the propolis-api-version header.";
        }
        else if (type == typeof(Generation))
        {
            schema.Type = JsonSchemaType.Integer;
            schema.Format = "int64";
            schema.Minimum = "0";
        }
        else if (type.IsEnum && schema.Enum is { Count: > 0 })
        {
            schema.Type = JsonSchemaType.String;
        }
    }

    /// <summary>
    /// Walks an inlined schema of <paramref name="type"/> and lets every property whose CLR member is a nullable reference
    /// admit <c>null</c> (the generator does this itself only for properties that become <c>$ref</c>s).
    /// </summary>
    public static void MarkNullableMembers(IOpenApiSchema schema, Type type)
    {
        if (schema is not OpenApiSchema { Properties: { } properties })
        {
            return;
        }

        var nullability = new NullabilityInfoContext();
        foreach (var member in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = member.GetCustomAttribute<System.Text.Json.Serialization.JsonPropertyNameAttribute>()?.Name
                ?? System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(member.Name);
            if (!properties.TryGetValue(name, out var property))
            {
                continue;
            }

            if (!member.PropertyType.IsValueType && nullability.Create(member).ReadState == NullabilityState.Nullable
                && property is OpenApiSchema { Type: { } declared } concrete)
            {
                concrete.Type = declared | JsonSchemaType.Null;
            }

            MarkNullableMembers(property, member.PropertyType);
        }
    }
}
