using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;

namespace ControlPlane.Grains.Hosting;

/// <summary>
/// A silo's identity, endpoints and backend, parsed once from configuration (sections <c>Silo</c>, <c>Endpoints</c>
/// and <c>ConnectionStrings:ControlPlane</c>). A malformed value stops start-up with a message naming the setting.
/// </summary>
public sealed record ClusterSettings
{
    /// <summary>The connection-string name (<c>ConnectionStrings__ControlPlane</c> in the environment).</summary>
    public const string ConnectionStringName = "ControlPlane";

    /// <summary>The setting that holds the connection string, as users write it.</summary>
    public const string ConnectionStringSetting = "ConnectionStrings:" + ConnectionStringName;

    public required string ClusterId { get; init; }

    public required string ServiceId { get; init; }

    public required string SiloName { get; init; }

    public required IPAddress AdvertisedAddress { get; init; }

    public required int SiloPort { get; init; }

    public required int GatewayPort { get; init; }

    /// <summary>PostgreSQL for clustering, grain state and reminders; null is the in-memory embedded default.</summary>
    public string? ConnectionString { get; init; }

    public bool UsesPostgres => ConnectionString is not null;

    /// <summary>True when configuration names a PostgreSQL database.</summary>
    public static bool ConfiguresPostgres(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration?.GetConnectionString(ConnectionStringName));

    public static ClusterSettings Parse(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var silo = configuration.GetSection("Silo");
        var endpoints = configuration.GetSection("Endpoints");
        var host = endpoints["AdvertisedHost"] ?? "127.0.0.1";
        if (!IPAddress.TryParse(host, out var address))
        {
            try
            {
                address = Dns.GetHostAddresses(host).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork);
            }
            catch (SocketException)
            {
                address = null;
            }

            if (address is null)
            {
                throw new InvalidOperationException($"Endpoints:AdvertisedHost: '{host}' is neither an IP address nor a resolvable host name.");
            }
        }

        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        return new ClusterSettings
        {
            ClusterId = NonEmpty(silo["ClusterId"], "dev"),
            ServiceId = NonEmpty(silo["ServiceId"], "controlplane"),
            SiloName = NonEmpty(silo["SiloName"], $"silo-{Environment.ProcessId}"),
            AdvertisedAddress = address,
            SiloPort = Port(endpoints, "SiloPort"),
            GatewayPort = Port(endpoints, "GatewayPort"),
            ConnectionString = string.IsNullOrWhiteSpace(connectionString) ? null : connectionString,
        };
    }

    private static string NonEmpty(string? value, string fallback) => string.IsNullOrWhiteSpace(value) ? fallback : value;

    /// <summary>A configured port; 0 or absent takes an unused loopback port now (deployments set fixed ports).</summary>
    private static int Port(IConfigurationSection section, string key)
    {
        var text = section[key];
        if (string.IsNullOrEmpty(text))
        {
            return UnusedLoopbackPort.Next();
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            throw new InvalidOperationException($"Endpoints:{key}: '{text}' is not a port number (0-65535).");
        }

        return port == 0 ? UnusedLoopbackPort.Next() : port;
    }
}
