using ControlPlane.Grains.Abstractions.Specs.Json;
using ControlPlane.Grains.Abstractions.Specs.Simple;
using ControlPlane.Grains.Specs;
using Xunit;
using static ControlPlane.Grains.Tests.Specs.SpecJson;

namespace ControlPlane.Grains.Tests.Specs;

/// <summary>Crucible requests and blob payloads never appear in ToString of wire or internal types, nor in error messages.</summary>
public sealed class RedactionTests
{
    private const string Secret = "c2VjcmV0LWtleS1tYXRlcmlhbA==";

    [Fact]
    public void Wire_and_internal_tostring_redact_payloads()
    {
        var json = ExampleSpec()
            .With("disk0-be", CrucibleBackend($$"""{"type":"volume","key":"{{Secret}}"}"""))
            .With("blob", BlobBackend(Secret))
            .With("disk1", VirtioDisk("blob", 17));
        var wire = WireSpecJson.ReadV3(json.ToJsonString());
        var spec = Parse(json).Accepted();

        Assert.DoesNotContain(Secret, wire.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, wire.Components.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, spec.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, spec.Disks.ToString(), StringComparison.Ordinal);
        Assert.Contains("redacted", spec.Disks["disk1"].ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, new SimpleDiskBacking.Crucible(Secret).ToString(), StringComparison.Ordinal);

        // ...while the JSON still carries them in full.
        Assert.Contains(Secret, WireSpecJson.Write(wire), StringComparison.Ordinal);
    }

    [Fact]
    public void Errors_about_payloads_do_not_quote_them()
    {
        var error = Parse(ExampleSpec().With("disk0-be", CrucibleBackend("{" + Secret))).SingleError<CrucibleRequestInvalid>();
        Assert.DoesNotContain(Secret, error.ToString(), StringComparison.Ordinal);
    }
}
