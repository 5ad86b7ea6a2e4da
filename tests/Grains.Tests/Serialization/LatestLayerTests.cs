using System.Text.RegularExpressions;
using ControlPlane.Grains.Abstractions.Vmms;
using Xunit;

namespace ControlPlane.Grains.Tests.Serialization;

/// <summary>
/// The Latest layer (Grains.Abstractions/Vmms/Latest.cs, Specs/Latest.cs) names, for every type, its newest version:
/// adding a version that changes a type and forgetting to move its alias fails here.
/// </summary>
public sealed partial class LatestLayerTests
{
    public static TheoryData<string> LatestFiles() => ["Grains.Abstractions/Vmms/Latest.cs", "Grains.Abstractions/Specs/Latest.cs"];

    [Theory]
    [MemberData(nameof(LatestFiles))]
    public void Every_alias_names_the_newest_version_of_its_type(string file)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot(), file));
        var aliases = Alias().Matches(text).Select(m => (Name: m.Groups[1].Value, Target: m.Groups[2].Value)).ToList();
        Assert.NotEmpty(aliases);
        var versioned = typeof(Generation).Assembly.GetTypes()
            .Select(t => (Type: t, Version: VersionOf(t.Namespace)))
            .Where(t => t.Version is not null && t.Type.DeclaringType is null)
            .ToList();
        foreach (var (name, target) in aliases)
        {
            var family = VersionSegment().Split(target)[0];
            var newest = versioned.Where(t => t.Type.Name == name && t.Type.Namespace!.StartsWith(family + ".V", StringComparison.Ordinal)).MaxBy(t => t.Version)!;
            Assert.True(newest.Type.FullName == target, $"{name} is aliased to {target}, but the newest version is {newest.Type.FullName}");
        }
    }

    private static int? VersionOf(string? ns) =>
        ns is not null && VersionSuffix().Match(ns) is { Success: true } m ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ControlPlane.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    [GeneratedRegex(@"global using (\w+) = ([\w.]+);")]
    private static partial Regex Alias();

    [GeneratedRegex(@"\.V\d+\.")]
    private static partial Regex VersionSegment();

    [GeneratedRegex(@"\.V(\d+)$")]
    private static partial Regex VersionSuffix();
}
