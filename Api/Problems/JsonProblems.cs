using System.Text.Json;
using ControlPlane.Api.Json;

namespace ControlPlane.Api.Problems;

/// <summary>
/// Turns a JSON body failure into a 400 problem that names the offending field by its JSON path, without quoting the
/// body or leaking .NET type names. The kind comes from the project's own boundary reader (<see cref="JsonBodyCheck"/>),
/// never from a serializer's message; a deserializer failure after that check can only be a wrong value.
/// </summary>
public static class JsonProblems
{
    public static ApiProblem From(JsonBodyViolation violation)
    {
        ArgumentNullException.ThrowIfNull(violation);
        return violation.Kind switch
        {
            JsonBodyViolationKind.Malformed => ApiProblem.Field(ErrorCodes.MalformedJson, violation.Path,
                violation.Line is { } line
                    ? $"The body is not valid JSON at '{violation.Path}' (line {line}, byte {violation.BytePositionInLine})."
                    : $"The body is not valid JSON at '{violation.Path}'."),
            JsonBodyViolationKind.UnknownMember => ApiProblem.Field(ErrorCodes.UnknownField, violation.Path, $"Unknown field '{violation.Path}'."),
            JsonBodyViolationKind.MissingMembers => Missing(violation),
            JsonBodyViolationKind.DuplicateMember => ApiProblem.Field(ErrorCodes.InvalidField, violation.Path, $"Field '{violation.Path}' is given more than once."),
            JsonBodyViolationKind.NullBody => ApiProblem.Field(ErrorCodes.InvalidField, violation.Path, $"The body ('{violation.Path}') is null; this route takes a JSON object."),
            _ => throw new ArgumentOutOfRangeException(nameof(violation), violation.Kind, "no such violation kind"),
        };
    }

    /// <summary>
    /// A deserializer failure on a body the boundary reader accepted (or a handler's own deserialization): the value at
    /// <see cref="JsonException.Path"/> has the wrong type or is out of range.
    /// </summary>
    public static ApiProblem From(JsonException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var path = string.IsNullOrEmpty(exception.Path) ? JsonPathText.Root : exception.Path;
        return ApiProblem.Field(ErrorCodes.InvalidField, path, $"Field '{path}' has the wrong type or an invalid value.");
    }

    private static ApiProblem Missing(JsonBodyViolation violation)
    {
        var paths = violation.MissingPaths.ToList();
        var detail = paths.Count == 1
            ? $"Required field '{paths[0]}' is missing."
            : $"Required fields are missing: {string.Join(", ", paths.Select(p => $"'{p}'"))}.";
        return ApiProblem.Field(ErrorCodes.MissingField, paths[0], detail);
    }
}
