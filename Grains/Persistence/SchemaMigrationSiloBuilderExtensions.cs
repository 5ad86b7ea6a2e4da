using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Hosting;
using Orleans.Runtime;

namespace ControlPlane.Grains.Persistence;

/// <summary>Registers <see cref="SchemaMigrationParticipant"/>.</summary>
public static class SchemaMigrationSiloBuilderExtensions
{
    public static ISiloBuilder AddPostgresSchemaMigration(this ISiloBuilder silo, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => new SchemaMigrationParticipant(connectionString, sp.GetRequiredService<ILoggerFactory>()));
        return silo;
    }
}
