using Xunit;

namespace ControlPlane.Grains.Tests.Testing;

/// <summary>Keeps README's "Writing a test" and <see cref="WritingATestExample"/> the same text.</summary>
public sealed class ReadmeExampleTests
{
    [Fact]
    public void The_readme_shows_exactly_the_example_test()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "ControlPlane.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("ControlPlane.sln not found above the test folder.");
        }

        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        var section = readme[readme.IndexOf("## Writing a test", StringComparison.Ordinal)..];
        var start = section.IndexOf("```csharp\n", StringComparison.Ordinal) + "```csharp\n".Length;
        var shown = section[start..section.IndexOf("```", start, StringComparison.Ordinal)];
        var source = File.ReadAllText(Path.Combine(root, "tests", "Grains.Tests", "Testing", "WritingATestExample.cs"));
        var body = string.Join('\n', source.Split('\n').Select(line => line.StartsWith("    ", StringComparison.Ordinal) ? line[4..] : line));
        Assert.Contains(shown.Trim(), body, StringComparison.Ordinal);
    }
}
