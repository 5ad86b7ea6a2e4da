using System.Net;
using ControlPlane.Grains.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Hosting;
using Orleans.Serialization;
using Orleans.Storage;

namespace ControlPlane.Grains.Hosting;

/// <summary>
/// The one code path both executables (Silo, and Api when it co-hosts) use to turn configuration into an Orleans silo:
/// identity and endpoints from <see cref="ClusterSettings"/>; with <c>ConnectionStrings:ControlPlane</c>, ADO.NET
/// clustering, grain storage and reminders on PostgreSQL (schema migrated at start) and the project's failure
/// detection; without it, the embedded default (localhost clustering, in-memory storage and reminders). Both get the
/// strongly consistent grain directory, the System.Text.Json storage serializer and the control plane's grains.
/// </summary>
public static class ControlPlaneSiloConfiguration
{
    /// <summary>The ADO.NET invariant name of Npgsql.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>
    /// Configures <paramref name="silo"/> from <paramref name="configuration"/> (<paramref name="settings"/>: already parsed
    /// from it, so free ports are chosen once); returns the settings.
    /// </summary>
    public static ClusterSettings UseControlPlaneConfiguration(this ISiloBuilder silo, IConfiguration configuration, ClusterSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(configuration);
        settings ??= ClusterSettings.Parse(configuration);
        silo.Services.AddSingleton(settings);
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = settings.ClusterId;
            o.ServiceId = settings.ServiceId;
        });
        silo.Configure<SiloOptions>(o => o.SiloName = settings.SiloName);
        silo.BindEngineSections(configuration);
#pragma warning disable ORLEANSEXP003 // the strongly consistent directory: single activation must hold while membership changes
        silo.AddDistributedGrainDirectory();
#pragma warning restore ORLEANSEXP003
        silo.UseControlPlaneStorage(settings.ConnectionString);
        if (settings.ConnectionString is not { } connectionString)
        {
            silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, serviceId: settings.ServiceId, clusterId: settings.ClusterId);
        }
        else
        {
            silo.ConfigureEndpoints(settings.AdvertisedAddress, settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: !IPAddress.IsLoopback(settings.AdvertisedAddress));
            silo.UseControlPlaneAdoNetClustering(connectionString, configuration);
        }

        silo.AddControlPlaneGrains();
        silo.AddActivityPropagation(); // one trace from the HTTP request through every grain call (ControlPlaneTelemetry)
        silo.AddDashboard(ControlPlaneDashboard.Configure); // mapped by the gateway on its internal listener only; a separate gateway needs it on every silo
        return settings;
    }

    /// <summary>Orleans options a deployment may tune by configuration: <c>Messaging</c> (e.g. ResponseTimeout) and <c>Reminders</c>.</summary>
    public static ISiloBuilder BindEngineSections(this ISiloBuilder silo, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Configure<SiloMessagingOptions>(o => configuration.GetSection("Messaging").Bind(o));
        silo.Configure<ReminderOptions>(o => configuration.GetSection("Reminders").Bind(o));
        return silo;
    }

    /// <summary>
    /// Grain storage and reminders: PostgreSQL through the ADO.NET providers (schema migrated at start) when a connection
    /// string is given, with rows written by the System.Text.Json storage serializer (snake_case, readable); else in
    /// memory, where no one reads the bytes and Orleans' own binary form keeps each state in about half the JSON's size.
    /// </summary>
    public static ISiloBuilder UseControlPlaneStorage(this ISiloBuilder silo, string? connectionString)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.UseSystemTextJsonGrainStorageSerializer();
        silo.Services.Configure<SystemTextJsonGrainStorageSerializerOptions>(o => StorageJson.Configure(o.JsonSerializerOptions));
        if (connectionString is null)
        {
            silo.AddMemoryGrainStorageAsDefault(options => options.Configure<Serializer>((o, serializer) => o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer)));
            silo.UseInMemoryReminderService();
            return silo;
        }

        silo.AddPostgresSchemaMigration(connectionString);
        silo.AddAdoNetGrainStorageAsDefault(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });
        return silo;
    }

    /// <summary>
    /// Membership in PostgreSQL with the project's failure detection (<see cref="FailureDetection"/>): the membership
    /// timings and the directory's range lease go together, since Orleans holds a dead silo's ranges for the lease minus
    /// the detection window those timings make.
    /// </summary>
    public static ISiloBuilder UseControlPlaneAdoNetClustering(this ISiloBuilder silo, string connectionString, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Configure<ClusterMembershipOptions>(o => FailureDetection.Apply(o, configuration));
        silo.Configure<GrainDirectoryOptions>(o => FailureDetection.Apply(o, configuration));
        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });
        return silo;
    }
}
