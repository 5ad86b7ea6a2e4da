using ControlPlane.TestSupport.Postgres;
using Xunit;

namespace ControlPlane.TestSupport;

/// <summary>
/// A test that needs a PostgreSQL server. Skipped with a message naming `apt-get install postgresql` when the
/// server binaries are missing, except when the CI environment variable is set: there it runs and fails.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresServer.FindBinaries() is null && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
        {
            Skip = PostgresServer.MissingBinariesMessage;
        }
    }
}

/// <summary>One throwaway PostgreSQL server shared by the tests of a class (xunit class fixture).</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private PostgresServer? _server;

    public PostgresServer Server => _server ?? throw new InvalidOperationException(PostgresServer.MissingBinariesMessage);

    public async Task InitializeAsync()
    {
        if (PostgresServer.FindBinaries() is null)
        {
            return; // each [PostgresFact] is skipped, or fails in CI when it touches Server
        }

        _server = await PostgresServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
