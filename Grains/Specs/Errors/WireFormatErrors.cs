using ControlPlane.Grains.Abstractions.Specs;
using ControlPlane.Grains.Abstractions.Specs.Json;

namespace ControlPlane.Grains.Specs;

/// <summary>
/// The spec JSON did not deserialize (Propolis answers these with a serde error and HTTP 400).
/// <see cref="Path"/> is the JSONPath of the offending value.
/// </summary>
public abstract record WireFormatError : SpecError
{
    private protected WireFormatError(string path, string detail, SpecKey? component)
        : base(component)
    {
        Path = path;
        Detail = detail;
    }

    public string Path { get; }

    public string Detail { get; }

    public override string Message => $"{Detail} (at {Path})";

    /// <summary>The typed error for a reader failure.</summary>
    public static WireFormatError From(WireFormatException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var (path, detail, component) = (exception.WirePath, exception.Detail, exception.Component);
        return exception.Kind switch
        {
            WireFormatErrorKind.Syntax => new MalformedJson(path, detail),
            WireFormatErrorKind.UnexpectedJsonType => new UnexpectedJsonType(path, detail, component),
            WireFormatErrorKind.UnknownField => new UnknownField(path, detail, component),
            WireFormatErrorKind.DuplicateKey => new DuplicateKey(path, detail, component),
            WireFormatErrorKind.MissingField => new MissingField(path, detail, component),
            WireFormatErrorKind.NumberOutOfRange => new NumberOutOfRange(path, detail, component),
            WireFormatErrorKind.UnknownVariant => new UnknownVariant(path, detail, component),
            _ => new InvalidValue(path, detail, component),
        };
    }
}

/// <summary>Not JSON at all.</summary>
public sealed record MalformedJson(string Path, string Detail) : WireFormatError(Path, Detail, null);

/// <summary>A value of the wrong JSON type.</summary>
public sealed record UnexpectedJsonType(string Path, string Detail, SpecKey? Component) : WireFormatError(Path, Detail, Component);

/// <summary>A field the wire type does not have, where Propolis denies unknown fields.</summary>
public sealed record UnknownField(string Path, string Detail, SpecKey? Component) : WireFormatError(Path, Detail, Component);

/// <summary>A key given twice (Propolis silently keeps the last); includes two spellings of one UUID component key.</summary>
public sealed record DuplicateKey(string Path, string Detail, SpecKey? Component) : WireFormatError(Path, Detail, Component);

/// <summary>A required field is absent.</summary>
public sealed record MissingField(string Path, string Detail, SpecKey? Component) : WireFormatError(Path, Detail, Component);

/// <summary>An integer outside its wire type's range.</summary>
public sealed record NumberOutOfRange(string Path, string Detail, SpecKey? Component) : WireFormatError(Path, Detail, Component);

/// <summary>A tag that names no variant (in this API version).</summary>
public sealed record UnknownVariant(string Path, string Detail, SpecKey? Component) : WireFormatError(Path, Detail, Component);

/// <summary>A value the wire type rejects although its JSON type is right.</summary>
public sealed record InvalidValue(string Path, string Detail, SpecKey? Component) : WireFormatError(Path, Detail, Component);
