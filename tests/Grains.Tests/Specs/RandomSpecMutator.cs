using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ControlPlane.Grains.Abstractions.Specs;

namespace ControlPlane.Grains.Tests.Specs;

/// <summary>
/// Mutates wire spec JSON the ways clients get it wrong: numbers out of range, wrong JSON types,
/// missing and unknown fields, duplicate keys, wrong tags, dangling or shared backends, colliding
/// PCI paths, re-spelled UUID keys, corrupted text. Seeded, so a failure names a reproducible case.
/// </summary>
internal sealed class RandomSpecMutator(Random random)
{
    private static readonly JsonNode?[] Numbers = [-1, 0, 1, 2, 3, 7, 8, 16, 31, 32, 255, 256, 65535, 0x4000_0000L, 4294967295L, 4294967296L, 18446744073709551615UL, 1.5, -0.0];
    private static readonly string[] Tags = [.. Enum.GetValues<ComponentKind>().Select(k => k.WireTag()), "virtio_scsi", "VirtioDisk"];

    /// <summary>Applies one to three mutations and renders the result as JSON text.</summary>
    public string Mutate(JsonObject spec)
    {
        var duplicateAt = -1;
        var corrupt = false;
        for (var i = random.Next(4) == 0 ? random.Next(2, 4) : 1; i > 0; i--)
        {
            switch (random.Next(15))
            {
                case 0: Replace(Pick(spec, n => n is JsonValue v && v.GetValueKind() == JsonValueKind.Number), Numbers[random.Next(Numbers.Length)]?.DeepClone()); break;
                case 1: Replace(Pick(spec, n => n.Parent is not null), RandomValue()); break;
                case 2: RemoveProperty(spec); break;
                case 3: (Pick(spec, n => n is JsonObject) as JsonObject)?.Add($"unknown_{random.Next(3)}", RandomValue()); break;
                case 4: Replace(Pick(spec, n => NameOf(n) is "backend_id" or "id" && n is JsonValue), RandomKey(spec)); break;
                case 5: Replace(Pick(spec, n => NameOf(n) == "type" && n.Parent?.Parent == spec["components"]), Tags[random.Next(Tags.Length)]); break;
                case 6: CopyComponent(spec); break;
                case 7: SharePciPath(spec); break;
                case 8: RemoveComponent(spec); break;
                case 9: RenameComponent(spec); break;
                case 10: Replace(Pick(spec, n => n is JsonValue v && v.GetValueKind() == JsonValueKind.String), RandomString()); break;
                case 11: duplicateAt = random.Next(40); break;
                case 12: corrupt = true; break;
                case 13: Replace(Pick(spec, n => NameOf(n) == "bus"), random.Next(0, 9)); break;
                default: Replace(Pick(spec, n => NameOf(n) is "num" or "vendor" or "version"), RandomString()); break;
            }
        }

        var text = duplicateAt >= 0 ? WriteWithDuplicate(spec, duplicateAt) : spec.ToJsonString();
        return corrupt ? Corrupt(text) : text;
    }

    private static string? NameOf(JsonNode node) => node.Parent is JsonObject ? node.GetPropertyName() : null;

    private JsonNode? Pick(JsonNode root, Func<JsonNode, bool> predicate)
    {
        var candidates = Descendants(root).Where(predicate).ToList();
        return candidates.Count == 0 ? null : candidates[random.Next(candidates.Count)];
    }

    private static IEnumerable<JsonNode> Descendants(JsonNode node)
    {
        yield return node;
        IEnumerable<JsonNode?> children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a,
            _ => [],
        };
        foreach (var child in children.Where(c => c is not null).ToList())
        {
            foreach (var d in Descendants(child!))
            {
                yield return d;
            }
        }
    }

    private static void Replace(JsonNode? node, JsonNode? value)
    {
        switch (node?.Parent)
        {
            case JsonObject o:
                o[node.GetPropertyName()] = value;
                break;
            case JsonArray a:
                a[node.GetElementIndex()] = value;
                break;
        }
    }

    private void RemoveProperty(JsonObject spec)
    {
        if (Pick(spec, n => n.Parent is JsonObject) is { Parent: JsonObject parent } node)
        {
            parent.Remove(node.GetPropertyName());
        }
    }

    private JsonNode? RandomValue() => random.Next(7) switch
    {
        0 => null,
        1 => random.Next(2) == 0,
        2 => RandomString(),
        3 => new JsonArray(random.Next(256), random.Next(256)),
        4 => new JsonObject { ["bus"] = 0, ["device"] = random.Next(40), ["function"] = random.Next(10) },
        5 => Numbers[random.Next(Numbers.Length)]?.DeepClone(),
        _ => new JsonObject(),
    };

    private string RandomString() => random.Next(8) switch
    {
        0 => string.Empty,
        1 => "com" + random.Next(0, 7),
        2 => new Guid(Bytes(16)).ToString(random.Next(2) == 0 ? "D" : "B"),
        3 => "{",
        4 => "{\"type\":\"volume\"}",
        5 => "aGVsbG8=",
        6 => "amd",
        _ => "x" + random.Next(1000),
    };

    private JsonNode RandomKey(JsonObject spec)
    {
        var keys = spec["components"] is JsonObject components ? components.Select(p => p.Key).ToList() : [];
        return keys.Count == 0 || random.Next(4) == 0 ? (JsonNode)"ghost" : keys[random.Next(keys.Count)];
    }

    private void CopyComponent(JsonObject spec)
    {
        if (spec["components"] is JsonObject components && components.Count > 0)
        {
            var source = components.ElementAt(random.Next(components.Count));
            components[$"copy-{random.Next(100)}"] = source.Value?.DeepClone();
        }
    }

    private void SharePciPath(JsonObject spec)
    {
        var paths = Descendants(spec).Where(n => NameOf(n) == "pci_path").ToList();
        if (paths.Count >= 2)
        {
            var from = paths[random.Next(paths.Count)];
            Replace(paths[random.Next(paths.Count)], from.DeepClone());
        }
    }

    private void RemoveComponent(JsonObject spec)
    {
        if (spec["components"] is JsonObject components && components.Count > 0)
        {
            components.Remove(components.ElementAt(random.Next(components.Count)).Key);
        }
    }

    private void RenameComponent(JsonObject spec)
    {
        if (spec["components"] is not JsonObject components || components.Count == 0)
        {
            return;
        }

        var (key, value) = components.ElementAt(random.Next(components.Count));
        var renamed = SpecKey.TryParseUuid(key, out var uuid)
            ? random.Next(3) switch { 0 => uuid.ToString("N").ToUpperInvariant(), 1 => "urn:uuid:" + uuid.ToString("D"), _ => uuid.ToString("B") }
            : key + "-renamed";
        if (!components.ContainsKey(renamed))
        {
            components.Remove(key);
            components[renamed] = value;
        }
    }

    /// <summary>Writes the spec with one property of the n-th object written twice (JsonNode cannot hold duplicates).</summary>
    private string WriteWithDuplicate(JsonObject spec, int target)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var objectIndex = 0;
        using (var writer = new Utf8JsonWriter(buffer))
        {
            void Write(JsonNode? node)
            {
                switch (node)
                {
                    case JsonObject o:
                        var duplicate = objectIndex++ == target && o.Count > 0 ? random.Next(o.Count) : -1;
                        writer.WriteStartObject();
                        var i = 0;
                        foreach (var (name, value) in o)
                        {
                            for (var times = i++ == duplicate ? 2 : 1; times > 0; times--)
                            {
                                writer.WritePropertyName(name);
                                Write(value);
                            }
                        }

                        writer.WriteEndObject();
                        break;
                    case JsonArray a:
                        writer.WriteStartArray();
                        foreach (var item in a)
                        {
                            Write(item);
                        }

                        writer.WriteEndArray();
                        break;
                    case null:
                        writer.WriteNullValue();
                        break;
                    default:
                        node.WriteTo(writer);
                        break;
                }
            }

            Write(spec);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private string Corrupt(string text) => random.Next(4) switch
    {
        0 => text[..random.Next(text.Length)],
        1 => text.Insert(random.Next(text.Length), ",}]\"\\"[random.Next(5)].ToString()),
        2 => text.Replace("\"com1\"", "\"\\ud800\"", StringComparison.Ordinal),
        _ => text + " trailing",
    };

    private byte[] Bytes(int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}
