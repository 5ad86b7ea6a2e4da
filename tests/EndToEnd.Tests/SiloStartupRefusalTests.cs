using ControlPlane.EndToEnd.Tests.Support;
using ControlPlane.TestSupport;
using Npgsql;
using Xunit;

namespace ControlPlane.EndToEnd.Tests;

/// <summary>
/// A silo that cannot run as configured ends with exit code 1 and one line naming the setting, never a stack trace:
/// a malformed setting, a database that does not answer, and a database whose schema is newer than the build.
/// </summary>
public sealed class SiloStartupRefusalTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task A_connection_string_that_cannot_connect_is_one_line_naming_the_setting()
    {
        var port = FreePort.Next(); // nothing listens there
        await using var silo = ChildProcess.Start(Executables.Silo, [$"--ConnectionStrings:ControlPlane=Host=127.0.0.1;Port={port};Username=postgres;Timeout=2"]);
        var (exitCode, output) = await ExitAsync(silo);
        Assert.Equal(1, exitCode);
        var refusal = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => line.StartsWith("silo:", StringComparison.Ordinal));
        Assert.Contains("ConnectionStrings:ControlPlane", refusal, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{port}", refusal, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--Sleds:0:id=not-a-uuid", "Sleds:0")]
    [InlineData("--Endpoints:SiloPort=eleven", "Endpoints:SiloPort")]
    [InlineData("--Endpoints:AdvertisedHost=no-such-host.invalid", "Endpoints:AdvertisedHost")]
    public async Task A_malformed_setting_is_one_line_naming_it(string argument, string setting)
    {
        await using var silo = ChildProcess.Start(Executables.Silo, [argument]);
        var (exitCode, output) = await ExitAsync(silo);
        Assert.Equal(1, exitCode);
        var refusal = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => line.StartsWith("silo:", StringComparison.Ordinal));
        Assert.Contains(setting, refusal, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task A_database_schema_newer_than_the_build_is_refused_saying_so()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync();
        await using (var migrate = ChildProcess.Start(Executables.Silo, ["migrate", $"--ConnectionStrings:ControlPlane={connectionString}"]))
        {
            Assert.Equal(0, (await ExitAsync(migrate)).ExitCode);
        }

        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var future = new NpgsqlCommand("INSERT INTO schema_migrations (version, name, applied_at, checksum) VALUES (9999, 'from_the_future', now(), 'x')", connection);
            await future.ExecuteNonQueryAsync();
        }

        await using var silo = ChildProcess.Start(Executables.Silo, [$"--ConnectionStrings:ControlPlane={connectionString}"]);
        var (exitCode, output) = await ExitAsync(silo);
        Assert.Equal(1, exitCode);
        Assert.Contains("newer than this build", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output)> ExitAsync(ChildProcess process)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(90)); // turns a hang into a failure
        while (!process.HasExited)
        {
            await Task.Delay(50, bound.Token);
        }

        var output = await process.FinalOutputAsync();
        return (process.ExitCode, output);
    }
}
