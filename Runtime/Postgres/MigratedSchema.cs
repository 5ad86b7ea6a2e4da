using Microsoft.Extensions.Logging;
using Npgsql;

namespace ControlPlane.Runtime.Postgres;

/// <summary>
/// Runs the schema migrator once per component, on first need: a success is remembered, a failure (database
/// down) is not, so the next call tries again.
/// </summary>
internal sealed class MigratedSchema(NpgsqlDataSource dataSource, ILogger? logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _done;

    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        if (_done)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_done)
            {
                await new PostgresSchemaMigrator(dataSource, logger).MigrateAsync(cancellationToken).ConfigureAwait(false);
                _done = true;
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
