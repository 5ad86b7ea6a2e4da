using System.Text.Json;

namespace ControlPlane.Grains.Abstractions.Specs.Json;

/// <summary>
/// A wire spec that does not deserialize. Carries the kind, the JSON path of the offending value
/// and the component under which it sits, so the parser can turn it into a typed error.
/// </summary>
public sealed class WireFormatException : JsonException
{
    public WireFormatException()
        : this(WireFormatErrorKind.Syntax, "$", "invalid instance spec JSON")
    {
    }

    public WireFormatException(string message)
        : this(WireFormatErrorKind.Syntax, "$", message)
    {
    }

    public WireFormatException(string message, Exception innerException)
        : this(WireFormatErrorKind.Syntax, "$", message, null, innerException)
    {
    }

    public WireFormatException(WireFormatErrorKind kind, string wirePath, string detail, SpecKey? component = null, Exception? innerException = null)
        : base($"{detail} (at {wirePath})", innerException)
    {
        Kind = kind;
        WirePath = wirePath;
        Detail = detail;
        Component = component;
    }

    public WireFormatErrorKind Kind { get; }

    /// <summary>JSONPath of the offending value, e.g. <c>$.components['disk0'].component.pci_path.device</c>.</summary>
    public string WirePath { get; }

    /// <summary>What is wrong, without the path.</summary>
    public string Detail { get; }

    /// <summary>The component whose JSON holds the error, when the error is inside <c>components</c>.</summary>
    public SpecKey? Component { get; }

    internal WireFormatException WithComponent(SpecKey component) =>
        Component is null ? new WireFormatException(Kind, WirePath, Detail, component, InnerException) : this;
}
