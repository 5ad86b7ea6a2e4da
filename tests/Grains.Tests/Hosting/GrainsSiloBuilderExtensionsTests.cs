using ControlPlane.Grains.Abstractions.Specs;
using ControlPlane.Grains.Hosting;
using ControlPlane.Grains.Specs;
using ControlPlane.Runtime.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace ControlPlane.Grains.Tests.Hosting;

public sealed class GrainsSiloBuilderExtensionsTests
{
    [Fact]
    public void The_silo_configuration_enables_optional_component_families()
    {
        var options = Bind(new Dictionary<string, string?> { ["Specs:EnabledFamilies"] = "Falcon, FailureInjection" });
        Assert.Equal(ComponentFamilies.Falcon | ComponentFamilies.FailureInjection, options.EnabledFamilies);
    }

    [Fact]
    public void Without_configuration_no_optional_family_is_enabled()
    {
        Assert.Equal(ComponentFamilies.None, Bind([]).EnabledFamilies);
    }

    private static SpecValidationOptions Bind(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddControlPlaneSilo(configuration, silo => silo.AddControlPlaneGrains());
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<SpecValidationOptions>>().Value;
    }
}
