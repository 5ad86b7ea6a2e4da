namespace ControlPlane.Runtime.Postgres;

/// <summary>
/// A PostgreSQL grain store. Its writes are fenced against the directory of <see cref="ClusterId"/>, so it must use
/// the clustering database; by default it shares the clustering connection pool.
/// </summary>
public sealed class PostgresGrainStorageOptions
{
    /// <summary>Null means the connection of <c>UsePostgresClustering</c>. Never logged.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Scopes state rows; null means the silo's <c>SiloOptions.ServiceId</c>.</summary>
    public string? ServiceId { get; set; }

    /// <summary>The cluster whose directory fences writes; null means the clustering cluster id, else the silo's.</summary>
    public string? ClusterId { get; set; }

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(15);
}
