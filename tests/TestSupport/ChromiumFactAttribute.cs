using Xunit;

namespace ControlPlane.TestSupport;

/// <summary>
/// A browser test: it drives Debian's chromium (<see cref="ExecutablePath"/>, `apt-get install chromium`), never a
/// downloaded browser. Skipped with a message when chromium is missing, except when the CI environment variable is
/// set: there it runs and fails.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ChromiumFactAttribute : FactAttribute
{
    /// <summary>Where Debian's chromium package puts the browser.</summary>
    public const string ExecutablePath = "/usr/bin/chromium";

    public const string MissingMessage = "Chromium is not installed (apt-get install chromium); browser tests need " + ExecutablePath + ".";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(ExecutablePath) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
        {
            Skip = MissingMessage;
        }
    }
}
