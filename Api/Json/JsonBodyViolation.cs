namespace ControlPlane.Api.Json;

/// <summary>What the boundary reader found wrong with a body before any deserializer ran; each kind is one error code.</summary>
public enum JsonBodyViolationKind
{
    /// <summary>The bytes are not one JSON value (the parse itself failed).</summary>
    Malformed,

    /// <summary>An object member the target contract does not define, where the contract disallows unmapped members.</summary>
    UnknownMember,

    /// <summary>One or more members the contract requires are absent from an object.</summary>
    MissingMembers,

    /// <summary>A member (or dictionary key) given twice in one object, where the contract disallows duplicates.</summary>
    DuplicateMember,

    /// <summary>The whole body is the JSON literal <c>null</c>, where the route takes an object.</summary>
    NullBody,
}

/// <summary>
/// One violation of a body against its contract, decided by the project (<see cref="JsonBodyCheck"/>), never read from a
/// serializer's message. <see cref="Path"/> is the JSONPath of the member (for missing members, of their object).
/// </summary>
public sealed record JsonBodyViolation
{
    public required JsonBodyViolationKind Kind { get; init; }

    /// <summary>JSONPath of the offending member; for <see cref="JsonBodyViolationKind.MissingMembers"/> the object's path.</summary>
    public required string Path { get; init; }

    /// <summary>The absent members' JSON names, in contract order (only <see cref="JsonBodyViolationKind.MissingMembers"/>).</summary>
    public IReadOnlyList<string> MissingNames { get; init; } = [];

    /// <summary>Where the parse stopped, 1-based (only <see cref="JsonBodyViolationKind.Malformed"/>, when known).</summary>
    public long? Line { get; init; }

    /// <summary>The byte within <see cref="Line"/> where the parse stopped, 1-based (only <see cref="JsonBodyViolationKind.Malformed"/>).</summary>
    public long? BytePositionInLine { get; init; }

    /// <summary>The paths of the missing members (<see cref="Path"/> joined with each of <see cref="MissingNames"/>).</summary>
    public IEnumerable<string> MissingPaths => MissingNames.Select(name => JsonPathText.Member(Path, name));
}
