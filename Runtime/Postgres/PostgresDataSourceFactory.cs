using Npgsql;

namespace ControlPlane.Runtime.Postgres;

/// <summary>
/// Builds the pooled data source the PostgreSQL backend uses, with bounded connect and command timeouts so that
/// a database that is down or restarting surfaces as an exception instead of a hang.
/// </summary>
internal static class PostgresDataSourceFactory
{
    public static NpgsqlDataSource Create(string connectionString, TimeSpan connectTimeout, TimeSpan commandTimeout, string applicationName)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        var settings = builder.ConnectionStringBuilder;
        settings.Timeout = Seconds(connectTimeout);
        settings.CommandTimeout = Seconds(commandTimeout);
        settings.ApplicationName ??= applicationName;

        // Idle pooled connections are probed, so connections a database restart broke are noticed and dropped.
        if (settings.KeepAlive == 0)
        {
            settings.KeepAlive = 10;
        }

        return builder.Build();
    }

    private static int Seconds(TimeSpan value) =>
        value <= TimeSpan.Zero ? throw new ArgumentOutOfRangeException(nameof(value), value, "Timeouts must be positive.") : (int)Math.Ceiling(value.TotalSeconds);
}
