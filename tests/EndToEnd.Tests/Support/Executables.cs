namespace ControlPlane.EndToEnd.Tests.Support;

/// <summary>Where the built executables are: their own output folders, in the configuration these tests were built in.</summary>
public static class Executables
{
    private static readonly string Root = FindRoot();

    private static readonly string Configuration =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    public static string Api => Path.Combine(Root, "Api", "bin", Configuration, "net10.0", "ControlPlane.Api.dll");

    public static string Silo => Path.Combine(Root, "Silo", "bin", Configuration, "net10.0", "ControlPlane.Silo.dll");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ControlPlane.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("ControlPlane.sln not found above " + AppContext.BaseDirectory);
    }
}
