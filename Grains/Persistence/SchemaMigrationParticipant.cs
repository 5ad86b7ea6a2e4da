using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Hosting;
using Orleans.Runtime;

namespace ControlPlane.Grains.Persistence;

/// <summary>
/// Applies pending schema migrations before any ADO.NET provider reads its queries (the first lifecycle stage), so a
/// silo started on an empty database brings its schema up itself; several silos starting together are serialized by
/// the migrator's advisory lock. An executable that already migrated the database before building its host
/// (<see cref="Hosting.StartupChecks"/>) is not migrated twice.
/// </summary>
internal sealed class SchemaMigrationParticipant(string connectionString, ILoggerFactory loggers) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SchemaMigrationParticipant), ServiceLifecycleStage.First, Migrate);

    private async Task Migrate(CancellationToken cancellationToken)
    {
        if (!Hosting.StartupChecks.WasPrepared(connectionString))
        {
            await new PostgresSchemaMigrator(connectionString, loggers.CreateLogger<PostgresSchemaMigrator>()).MigrateAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
