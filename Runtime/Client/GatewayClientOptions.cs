namespace ControlPlane.Runtime.Client;

/// <summary>How an external client finds and uses gateways.</summary>
public sealed class GatewayClientOptions
{
    /// <summary>Must equal the silos' cluster id; gateways refuse other clusters.</summary>
    public string ClusterId { get; set; } = "dev";

    /// <summary>A static gateway list ("host:port"); used alone when no membership table is given, or as a seed beside it.</summary>
    public List<string> Gateways { get; } = [];

    /// <summary>How long a caller waits for a response (Orleans: 30 s); the outcome is unknown after it.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often gateways are re-read from the membership table (Orleans: 1 min).</summary>
    public TimeSpan GatewayListRefreshPeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a gateway that refused or dropped a connection is skipped.</summary>
    public TimeSpan DeadGatewayRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan OpenConnectionTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public int MaxFrameBytes { get; set; } = 16 * 1024 * 1024;
}
