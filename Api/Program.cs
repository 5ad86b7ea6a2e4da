using ControlPlane.Api;
using ControlPlane.Grains.Hosting;

// The HTTP gateway. A setting it cannot run with (a malformed endpoint, sled or gateway entry, client mode without
// gateways) ends it with exit code 1 and one line naming the setting; so does, for a co-hosted silo on PostgreSQL, a
// database that does not answer or whose schema is newer than this build.
WebApplication app;
try
{
    app = ApiApplication.Create(args);
    if (app.Services.GetService<ClusterSettings>() is { } coHosted)
    {
        await StartupChecks.PrepareDatabaseAsync(coHosted, CancellationToken.None);
    }
}
catch (Exception ex) when (ex is StartupRefusedException or InvalidOperationException or FormatException)
{
    await Console.Error.WriteLineAsync($"api: {ex.Message}");
    return 1;
}

await app.RunAsync();
return 0;
