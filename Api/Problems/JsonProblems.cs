using System.Text.Json;
using System.Text.RegularExpressions;

namespace ControlPlane.Api.Problems;

/// <summary>
/// Turns a System.Text.Json failure into a 400 problem that names the offending field by its JSON path and
/// says what is wrong, without quoting the body or leaking .NET type names.
/// </summary>
public static partial class JsonProblems
{
    public static ApiProblem From(JsonException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var path = string.IsNullOrEmpty(exception.Path) ? "$" : exception.Path;
        var message = exception.Message;
        if (exception.InnerException?.GetType().Name == "JsonReaderException" || exception.GetType().Name == "JsonReaderException")
        {
            var where = exception.LineNumber is { } line ? $" (line {line + 1}, byte {exception.BytePositionInLine + 1})" : "";
            return ApiProblem.Field(ErrorCodes.MalformedJson, path, $"The body is not valid JSON{where}.");
        }

        if (UnmappedMember().Match(message) is { Success: true } unknown)
        {
            var field = path.EndsWith($".{unknown.Groups[1].Value}", StringComparison.Ordinal) ? path : $"{path}.{unknown.Groups[1].Value}";
            return ApiProblem.Field(ErrorCodes.UnknownField, field, $"Unknown field '{field}'.");
        }

        if (MissingRequired().Match(message) is { Success: true } missing)
        {
            var names = missing.Groups[1].Value;
            var first = names.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)[0].Trim('\'');
            var field = path == "$" ? $"$.{first}" : $"{path}.{first}";
            return ApiProblem.Field(ErrorCodes.MissingField, field, $"Required field(s) missing: {names}.");
        }

        if (message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase))
        {
            return ApiProblem.Field(ErrorCodes.InvalidField, path, $"Field '{path}' is given more than once.");
        }

        return ApiProblem.Field(ErrorCodes.InvalidField, path, $"Field '{path}' has the wrong type or an invalid value.");
    }

    [GeneratedRegex("The JSON property '([^']*)' could not be mapped")]
    private static partial Regex UnmappedMember();

    [GeneratedRegex("missing required properties including: (.*?)\\.?$")]
    private static partial Regex MissingRequired();
}
