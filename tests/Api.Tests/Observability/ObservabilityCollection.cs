using Xunit;

namespace ControlPlane.Api.Tests.Observability;

/// <summary>
/// The observability tests run alone, after the parallel ones: OpenTelemetry's meter providers listen process-wide, so
/// a second gateway in the process (started or disposed by a test running in parallel) would count into, or end, the
/// ASP.NET Core instruments a scrape is asserting on. A real gateway is the only one in its process.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ObservabilityCollection
{
    public const string Name = "observability";
}
