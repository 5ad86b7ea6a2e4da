using ControlPlane.Grains.Specs;
using ControlPlane.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ControlPlane.Grains.Hosting;

/// <summary>Registers what the control plane's grains need from a silo's configuration.</summary>
public static class GrainsSiloBuilderExtensions
{
    /// <summary>
    /// Binds <see cref="SpecValidationOptions"/> from the "Specs" section (for example
    /// <c>"Specs": { "EnabledFamilies": "Falcon, FailureInjection" }</c>).
    /// </summary>
    public static ISiloBuilder AddControlPlaneGrains(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.AddOptions<SpecValidationOptions>().Bind(silo.Configuration.GetSection(SpecValidationOptions.ConfigurationSection));
        return silo;
    }
}
