using System.Globalization;
using System.Text;

namespace ControlPlane.Api.Metrics;

/// <summary>The Prometheus text exposition format (0.0.4): metric names, label escaping and sample values.</summary>
public static class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>
    /// The Prometheus name of an instrument: dots and other invalid characters become underscores and the unit
    /// is appended the OpenTelemetry way (<c>controlplane.vmm.apply.duration</c>, s -> <c>controlplane_vmm_apply_duration_seconds</c>).
    /// </summary>
    public static string MetricName(string instrumentName, string? unit)
    {
        ArgumentNullException.ThrowIfNull(instrumentName);
        var builder = new StringBuilder(instrumentName.Length + 8);
        foreach (var c in instrumentName)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or ':' ? c : '_');
        }

        if (builder.Length == 0 || char.IsAsciiDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }

        var suffix = unit switch
        {
            "s" => "seconds",
            "ms" => "milliseconds",
            "By" => "bytes",
            "1" => "ratio",
            _ => null,
        };
        var name = builder.ToString();
        return suffix is null || name.EndsWith("_" + suffix, StringComparison.Ordinal) ? name : $"{name}_{suffix}";
    }

    public static string LabelName(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var builder = new StringBuilder(key.Length);
        foreach (var c in key)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        }

        return builder.Length == 0 || char.IsAsciiDigit(builder[0]) ? "_" + builder : builder.ToString();
    }

    public static string EscapeLabelValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
    }

    public static string EscapeHelp(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
    }

    public static string Value(double value) =>
        double.IsPositiveInfinity(value) ? "+Inf"
        : double.IsNegativeInfinity(value) ? "-Inf"
        : double.IsNaN(value) ? "NaN"
        : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The rendered label set <c>{a="x",b="y"}</c> (empty string when there are no labels).</summary>
    public static string Labels(IEnumerable<KeyValuePair<string, string>> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var parts = labels.Select(l => $"{LabelName(l.Key)}=\"{EscapeLabelValue(l.Value)}\"").ToList();
        return parts.Count == 0 ? "" : "{" + string.Join(',', parts) + "}";
    }
}
