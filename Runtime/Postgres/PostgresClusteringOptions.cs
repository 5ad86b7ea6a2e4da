namespace ControlPlane.Runtime.Postgres;

/// <summary>
/// Where the cluster's membership table and grain directory live. The connection string may carry a password,
/// so it is never logged.
/// </summary>
public sealed class PostgresClusteringOptions
{
    public string? ConnectionString { get; set; }

    /// <summary>Scopes membership and directory rows; null means the silo's <c>SiloOptions.ClusterId</c>.</summary>
    public string? ClusterId { get; set; }

    /// <summary>How long opening a connection may take before it fails (a database that is down fails fast).</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one statement may run before it fails.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(15);
}
