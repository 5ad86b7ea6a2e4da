using ControlPlane.Api;
using ControlPlane.Grains.Hosting;

// The HTTP gateway. A co-hosted silo on PostgreSQL checks its database first, so a bad connection string or a schema
// newer than this build ends the process with one line naming the setting.
var app = ApiApplication.Create(args);
if (!ControlPlaneClientConfiguration.IsClientMode(app.Configuration))
{
    try
    {
        await StartupChecks.PrepareDatabaseAsync(ClusterSettings.Parse(app.Configuration), CancellationToken.None);
    }
    catch (Exception ex) when (ex is StartupRefusedException or InvalidOperationException)
    {
        await Console.Error.WriteLineAsync($"api: {ex.Message}");
        return 1;
    }
}

await app.RunAsync();
return 0;
