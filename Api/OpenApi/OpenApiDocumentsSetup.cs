using ControlPlane.Api.Listeners;
using ControlPlane.Api.Versioning;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ControlPlane.Api.OpenApi;

/// <summary>
/// Registers one OpenAPI document per <see cref="ApiDocument.Published"/> entry. Documents are deterministic:
/// no server URLs (they would carry the port), fixed titles and versions, routes in registration order.
/// </summary>
public static class OpenApiDocumentsSetup
{
    public static IServiceCollection AddApiDocuments(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        foreach (var document in ApiDocument.Published)
        {
            services.AddOpenApi(document.Name, options =>
            {
                options.ShouldInclude = description => Includes(document, description.ActionDescriptor.EndpointMetadata);
                options.CreateSchemaReferenceId = VersionedSchemaId;
                options.AddDocumentTransformer((openApi, _, _) =>
                {
                    openApi.Info = new OpenApiInfo { Title = document.Title, Version = document.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) };
                    openApi.Servers = [];
                    return Task.CompletedTask;
                });
                options.AddSchemaTransformer((schema, context, _) =>
                {
                    WireSchemaCorrections.Apply(schema, context);
                    return Task.CompletedTask;
                });
                options.AddOperationTransformer(async (operation, context, cancellationToken) =>
                {
                    var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                    if (metadata.OfType<ResponseByVersion>().LastOrDefault() is { } byVersion
                        && byVersion.Types.TryGetValue(document.Version, out var responseType)
                        && context.Document is { } openApi)
                    {
                        var id = SchemaName(responseType) + VersionSuffix(responseType);
                        var schema = await context.GetOrCreateSchemaAsync(responseType, null, cancellationToken);
                        WireSchemaCorrections.MarkNullableMembers(schema, responseType);
                        openApi.AddComponent(id, schema);
                        operation.Responses ??= [];
                        operation.Responses["200"] = new OpenApiResponse
                        {
                            Description = "OK",
                            Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = new OpenApiSchemaReference(id, openApi) } },
                        };
                    }

                    // Dropshot documents every operation's errors as 4XX/5XX ranges of its Error; so do we, so that no problem
                    // document a route can send (413, 415, 503, 504, 500...) is outside its document.
                    if (context.Document is { } doc)
                    {
                        operation.Responses ??= [];
                        foreach (var range in new[] { "4XX", "5XX" })
                        {
                            operation.Responses[range] = new OpenApiResponse
                            {
                                Description = range == "4XX" ? "Client error (a problem document)" : "Server error (a problem document)",
                                Content = new Dictionary<string, OpenApiMediaType>
                                {
                                    ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference("ProblemDetails", doc) },
                                },
                            };
                        }
                    }

                    if (metadata.OfType<Specs.SpecVersionedRoute>().Any())
                    {
                        AddOptionalHeader(
                            operation,
                            Specs.PropolisApiVersion.HeaderName,
                            "The Propolis API version whose spec shape the body's wire spec has (semver 6.0.0 or 6; 5 when absent; 6 is what current Omicron sends). Echoed in the response.",
                            new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^[1-6](\\.0\\.0)?$" });
                    }

                    if (metadata.OfType<Instances.IdempotencyKeyRoute>().Any())
                    {
                        AddOptionalHeader(
                            operation,
                            Instances.IdempotencyKeyHeader.Name,
                            "IETF httpapi Idempotency-Key (an sf-string such as \"3f1c...\"; a bare token is accepted): the same key with the same body returns the instance it created (201 the first time, 200 after); with another body, 422 idempotency_key_reused. Keys are kept at least 24 hours.",
                            new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = Instances.IdempotencyKeyHeader.MaxLength + 2 });
                        if (operation.Responses?.TryGetValue("200", out var replay) == true && replay is OpenApiResponse replayed)
                        {
                            replayed.Description = "A replay: the instance an earlier request with this Idempotency-Key and body created";
                        }
                    }

                    if (metadata.OfType<Routing.Paging.PagedList>().LastOrDefault() is { } paged && document.Listener == ApiListener.External && document.Version >= paged.Since)
                    {
                        operation.Summary = paged.PagedSummary;
                        AddPagingParameters(operation, document.Version);
                    }

                    if (metadata.OfType<DeprecatedRoute>().Any())
                    {
                        operation.Deprecated = true;
                    }

                    if (metadata.OfType<ApiVersionRange>().Any())
                    {
                        operation.Parameters ??= [];
                        operation.Parameters.Add(new OpenApiParameter
                        {
                            Name = InternalApiVersion.HeaderName,
                            In = ParameterLocation.Header,
                            Required = false,
                            Description = $"Internal API version, in Omicron's semver form or as an integer ({InternalApiVersion.Oldest} when absent).",
                            Schema = new OpenApiSchema
                            {
                                Type = JsonSchemaType.String,
                                Enum =
                                [
                                    System.Text.Json.Nodes.JsonValue.Create(InternalApiVersion.Semver(document.Version)),
                                    System.Text.Json.Nodes.JsonValue.Create(document.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                                ],
                            },
                        });
                    }
                });
            });
        }

        return services;
    }

    private static void AddOptionalHeader(OpenApiOperation operation, string name, string description, OpenApiSchema schema)
    {
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter { Name = name, In = ParameterLocation.Header, Required = false, Description = description, Schema = schema });
    }

    /// <summary>Omicron's pagination parameters and the version header that asks for them (external API version 2 on).</summary>
    private static void AddPagingParameters(OpenApiOperation operation, int version)
    {
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = ExternalApiVersion.HeaderName,
            In = ParameterLocation.Header,
            Required = true,
            Description = "External API version, semver or integer; without it the route answers as in version 1 (every item, no paging).",
            Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Enum =
                [
                    System.Text.Json.Nodes.JsonValue.Create(ExternalApiVersion.Semver(version)),
                    System.Text.Json.Nodes.JsonValue.Create(version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ],
            },
        });
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = Routing.Paging.PageRequest.LimitParameter,
            In = ParameterLocation.Query,
            Required = false,
            Description = $"Maximum number of items in the page ({Routing.Paging.PageRequest.DefaultLimit} when absent).",
            Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.Integer,
                Format = "uint32",
                Minimum = "1",
                Maximum = Routing.Paging.PageRequest.MaxLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
        });
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = Routing.Paging.PageRequest.TokenParameter,
            In = ParameterLocation.Query,
            Required = false,
            Description = "Token returned by a previous page (its next_page); absent for the first page.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        });
    }

    /// <summary>A schema name for a response type: <c>ResultsPage&lt;SledView&gt;</c> becomes <c>ResultsPageOfSledView</c>, as the generator names generics.</summary>
    private static string SchemaName(Type type) => type.IsGenericType
        ? type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)] + "Of" + string.Join("And", type.GetGenericArguments().Select(SchemaName))
        : type.Name;

    /// <summary>Schema names that keep versioned wire types apart: <c>Vmms.V1.SledVmmState</c> becomes <c>SledVmmStateV1</c>.</summary>
    private static string? VersionedSchemaId(System.Text.Json.Serialization.Metadata.JsonTypeInfo type)
    {
        var id = OpenApiOptions.CreateDefaultSchemaReferenceId(type);
        return id is null ? null : id + VersionSuffix(type.Type);
    }

    /// <summary>"V1" for a type in a namespace ending in <c>.V1</c>, else empty.</summary>
    private static string VersionSuffix(Type type)
    {
        var ns = type.Namespace ?? "";
        var last = ns[(ns.LastIndexOf('.') + 1)..];
        return last.Length > 1 && last[0] == 'V' && last[1..].All(char.IsAsciiDigit) ? last : "";
    }

    private static bool Includes(ApiDocument document, IList<object> metadata)
    {
        var listener = metadata.OfType<ListenerMetadata>().LastOrDefault();
        if (listener is null || listener.Listener != document.Listener)
        {
            return false;
        }

        var range = metadata.OfType<ApiVersionRange>().LastOrDefault() ?? new ApiVersionRange(1);
        return range.Contains(document.Version);
    }
}
