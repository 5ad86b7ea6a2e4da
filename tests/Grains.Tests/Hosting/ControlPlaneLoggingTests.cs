using ControlPlane.Grains.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Extensions.Logging;
using Xunit;

namespace ControlPlane.Grains.Tests.Hosting;

/// <summary>The shared Serilog setup: Orleans quiet on a healthy cluster, its per-call placement error dropped, configuration wins.</summary>
public sealed class ControlPlaneLoggingTests
{
    [Fact]
    public void Orleans_logs_warnings_and_up_the_project_logs_information_and_a_placement_failure_is_dropped()
    {
        var (factory, events) = Create(new Dictionary<string, string?>());
        using (factory)
        {
            factory.CreateLogger("Orleans.Runtime.Catalog").LogInformation("activation collected");
            factory.CreateLogger("Orleans.Runtime.MembershipService.MembershipTableManager").LogWarning("probe missed");
            factory.CreateLogger(OrleansLogLevels.PlacementCategory).LogError(new EventId(101, OrleansLogLevels.PlacementFailedEvent), new InvalidOperationException("no silo hosts sled"), "placement failed");
            factory.CreateLogger(OrleansLogLevels.PlacementCategory).LogError(new EventId(102, "SomethingElse"), "another messaging error");
            factory.CreateLogger("ControlPlane.Grains.Sleds.SledAnnouncer").LogInformation("announced");
        }

        Assert.Equal(["probe missed", "another messaging error", "announced"], events.Select(e => e.RenderMessage()));
    }

    [Fact]
    public void Configuration_overrides_the_orleans_default_level()
    {
        var (factory, events) = Create(new Dictionary<string, string?> { ["Serilog:MinimumLevel:Override:Orleans"] = "Information" });
        using (factory)
        {
            factory.CreateLogger("Orleans.Runtime.Catalog").LogInformation("activation collected");
        }

        Assert.Equal("activation collected", Assert.Single(events).RenderMessage());
    }

    private static (SerilogLoggerFactory Factory, List<LogEvent> Events) Create(IDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var sink = new CollectingSink();
        var logger = ControlPlaneLogging.Configure(new LoggerConfiguration(), configuration).WriteTo.Sink(sink).CreateLogger();
        return (new SerilogLoggerFactory(logger, dispose: true), sink.Events);
    }

    private sealed class CollectingSink : ILogEventSink
    {
        public List<LogEvent> Events { get; } = [];

        public void Emit(LogEvent logEvent) => Events.Add(logEvent);
    }
}
