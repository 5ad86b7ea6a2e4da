using System.Text.Json;
using System.Text.Json.Serialization;
using ControlPlane.Api.Specs;
using ControlPlane.Grains.Abstractions.Instances;
using ControlPlane.Grains.Abstractions.Specs.Simple;

namespace ControlPlane.Api.Instances;

/// <summary>
/// <c>POST /v1/instances</c>: a name plus either the simple request (<c>ncpus</c>, <c>memory_mib</c>, <c>disks</c>,
/// <c>nics</c>, <c>boot_disk</c>, <c>cloud_init_base64</c>) or a raw wire <c>spec</c> (latest shape), never both.
/// </summary>
public sealed record CreateInstanceRequest
{
    public required string Name { get; init; }

    public int? Ncpus { get; init; }

    public ulong? MemoryMib { get; init; }

    public IReadOnlyList<SimpleDisk>? Disks { get; init; }

    public IReadOnlyList<SimpleNic>? Nics { get; init; }

    public string? BootDisk { get; init; }

    public string? CloudInitBase64 { get; init; }

    /// <summary>A Propolis wire spec (in the shape of the <c>propolis-api-version</c> header, 5 when absent) instead of the simple fields.</summary>
    [JsonConverter(typeof(NullableWireSpecElementConverter))]
    public JsonElement? Spec { get; init; }

    /// <summary>Start once created (default true).</summary>
    public bool Start { get; init; } = true;

    public AutoRestartPolicy AutoRestartPolicy { get; init; } = AutoRestartPolicy.BestEffort;
}
