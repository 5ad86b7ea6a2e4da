namespace ControlPlane.Runtime.Hosting;

/// <summary>
/// Where a silo listens; the advertised host is what other silos dial. Ports default to 0 (a free port), which
/// suits the embedded default and tests; a deployed silo sets fixed ports (Orleans uses 11111 and 30000).
/// </summary>
public sealed class EndpointOptions
{
    public string AdvertisedHost { get; set; } = "127.0.0.1";

    /// <summary>Silo-to-silo port (deployments: 11111).</summary>
    public int SiloPort { get; set; }

    /// <summary>Port for external clients (deployments: 30000); null means this silo is not a gateway.</summary>
    public int? GatewayPort { get; set; } = 0;
}

/// <summary>Membership and transport timings. Defaults suit production; tests shorten the lease.</summary>
public sealed class ClusterMembershipOptions
{
    /// <summary>A silo that has not renewed within this time (on the table's clock) may be declared dead.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the lease is renewed (default a third of the lease).</summary>
    public TimeSpan? LeaseRenewalInterval { get; set; }

    /// <summary>How often the table version is polled so that view changes reach every silo within a second.</summary>
    public TimeSpan ViewPollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Roles this silo carries, for silo-role placement.</summary>
    public List<string> Roles { get; } = [];

    /// <summary>Largest frame (header plus body) a connection accepts; a bigger one closes that connection.</summary>
    public int MaxFrameBytes { get; set; } = 16 * 1024 * 1024;

    public TimeSpan OpenConnectionTimeout { get; set; } = TimeSpan.FromSeconds(5);

    internal TimeSpan RenewalInterval => LeaseRenewalInterval ?? LeaseDuration / 3;
}
