using System.Text.RegularExpressions;
using ControlPlane.Api.Problems;
using ControlPlane.Grains.Abstractions.Instances;
using ControlPlane.Grains.Abstractions.Specs;
using ControlPlane.Grains.Abstractions.Specs.Json;
using ControlPlane.Grains.Abstractions.Specs.Simple;

namespace ControlPlane.Api.Instances;

/// <summary>
/// Parses the HTTP create request into the grain's <see cref="InstanceCreateRequest"/>: checks the name and that
/// exactly one of the simple fields or a wire spec is given; the spec itself is parsed by the grains.
/// </summary>
public static partial class CreateInstanceTranslation
{
    /// <summary>The grain request; a wire spec is in the shape of Propolis API version <paramref name="specApiVersion"/>.</summary>
    public static InstanceCreateRequest ToGrainRequest(CreateInstanceRequest request, int specApiVersion = WireSpecJson.DefaultApiVersion)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!NamePattern().IsMatch(request.Name))
        {
            throw new ApiProblemException(ApiProblem.Field(ErrorCodes.InvalidField, "$.name",
                "Field '$.name' must be 1-63 characters: lowercase letters, digits and '-', starting with a letter and not ending with '-'."));
        }

        var simpleGiven = request.Ncpus is not null || request.MemoryMib is not null || request.Disks is not null || request.Nics is not null
            || request.BootDisk is not null || request.CloudInitBase64 is not null;
        if (request.Spec is { } spec)
        {
            if (simpleGiven)
            {
                throw new ApiProblemException(ApiProblem.Field(ErrorCodes.InvalidField, "$.spec",
                    "Give either 'spec' or the simple fields (ncpus, memory_mib, disks, nics, boot_disk, cloud_init_base64), not both."));
            }

            return Request(request, new InstanceSpecSource.Wire(spec.GetRawText(), specApiVersion));
        }

        var ncpus = request.Ncpus ?? throw new ApiProblemException(ApiProblem.Field(ErrorCodes.MissingField, "$.ncpus", "Field '$.ncpus' is required unless 'spec' is given."));
        var memory = request.MemoryMib ?? throw new ApiProblemException(ApiProblem.Field(ErrorCodes.MissingField, "$.memory_mib", "Field '$.memory_mib' is required unless 'spec' is given."));
        return Request(request, new InstanceSpecSource.Simple(new SimpleInstanceRequest
        {
            Name = request.Name,
            Ncpus = ncpus,
            MemoryMib = memory,
            Disks = ValueList.From(request.Disks ?? []),
            Nics = ValueList.From(request.Nics ?? []),
            BootDisk = request.BootDisk,
            CloudInitBase64 = request.CloudInitBase64,
        }));
    }

    private static InstanceCreateRequest Request(CreateInstanceRequest request, InstanceSpecSource spec) => new()
    {
        Name = request.Name,
        Spec = spec,
        Start = request.Start,
        AutoRestartPolicy = request.AutoRestartPolicy,
    };

    [GeneratedRegex("^[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$")]
    private static partial Regex NamePattern();
}
