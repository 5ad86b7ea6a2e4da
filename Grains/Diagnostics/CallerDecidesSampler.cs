using System.Diagnostics;
using OpenTelemetry.Trace;

namespace ControlPlane.Grains.Diagnostics;

/// <summary>
/// Parent-based sampling (always on for roots) with one rule: a grain call's server span with no parent is dropped. Orleans
/// starts one whenever the caller sent no trace context, which is when the caller chose not to record (a health probe,
/// a scrape): the caller decides. A grain called from an untraced timer is still traced, because Orleans' client span
/// there is a recorded root that sends its context. ASP.NET Core's request span is the one server span that may be a root.
/// </summary>
public sealed class CallerDecidesSampler : Sampler
{
    /// <summary>ASP.NET Core's operation name for an incoming request.</summary>
    public const string HttpRequestIn = "Microsoft.AspNetCore.Hosting.HttpRequestIn";

    private readonly ParentBasedSampler _parentBased = new(new AlwaysOnSampler());

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) =>
        samplingParameters.Kind == ActivityKind.Server && samplingParameters.ParentContext == default && samplingParameters.Name != HttpRequestIn
            ? new SamplingResult(SamplingDecision.Drop)
            : _parentBased.ShouldSample(samplingParameters);
}
