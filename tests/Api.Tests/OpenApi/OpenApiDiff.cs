using System.Text.Json.Nodes;

namespace ControlPlane.Api.Tests.OpenApi;

/// <summary>Structural differences between two JSON documents, as JSON Pointers (whitespace and key order do not count).</summary>
public static class OpenApiDiff
{
    public static IReadOnlyList<string> Differences(JsonNode? published, JsonNode? generated)
    {
        var differences = new List<string>();
        Compare(published, generated, "", differences);
        return differences;
    }

    private static void Compare(JsonNode? a, JsonNode? b, string pointer, List<string> differences)
    {
        switch (a, b)
        {
            case (null, null):
                return;
            case (JsonObject x, JsonObject y):
                foreach (var key in x.Select(p => p.Key).Union(y.Select(p => p.Key)).Order(StringComparer.Ordinal))
                {
                    var child = $"{pointer}/{key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)}";
                    if (!x.ContainsKey(key))
                    {
                        differences.Add($"added {child}");
                    }
                    else if (!y.ContainsKey(key))
                    {
                        differences.Add($"removed {child}");
                    }
                    else
                    {
                        Compare(x[key], y[key], child, differences);
                    }
                }

                return;
            case (JsonArray x, JsonArray y):
                if (x.Count != y.Count)
                {
                    differences.Add($"changed {pointer} (array of {x.Count} became {y.Count})");
                    return;
                }

                for (var i = 0; i < x.Count; i++)
                {
                    Compare(x[i], y[i], $"{pointer}/{i}", differences);
                }

                return;
            default:
                if (!JsonNode.DeepEquals(a, b))
                {
                    differences.Add($"changed {pointer}: {a?.ToJsonString() ?? "null"} -> {b?.ToJsonString() ?? "null"}");
                }

                return;
        }
    }
}
