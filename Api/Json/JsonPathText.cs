namespace ControlPlane.Api.Json;

/// <summary>
/// JSONPath text as the problem documents' <c>field</c> carries it: <c>$</c>, <c>.name</c> for plain names,
/// <c>['odd name']</c> for names a dot could not carry (the form System.Text.Json and the spec reader use too), <c>[i]</c>.
/// </summary>
public static class JsonPathText
{
    public const string Root = "$";

    public static string Member(string path, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return NeedsBrackets(name)
            ? $"{path}['{name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)}']"
            : $"{path}.{name}";
    }

    public static string Index(string path, int index) => $"{path}[{index}]";

    private static bool NeedsBrackets(string name) =>
        name.Length == 0 || name.AsSpan().IndexOfAny(".'\"[]()/\\ ") >= 0 || name.Any(char.IsWhiteSpace) || name.Any(char.IsControl);
}
