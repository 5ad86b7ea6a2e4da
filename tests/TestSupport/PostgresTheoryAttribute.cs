using ControlPlane.TestSupport.Postgres;
using Xunit;

namespace ControlPlane.TestSupport;

/// <summary>A theory that needs a PostgreSQL server; skipped or failed exactly as <see cref="PostgresFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresTheoryAttribute : TheoryAttribute
{
    public PostgresTheoryAttribute()
    {
        if (PostgresServer.FindBinaries() is null && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
        {
            Skip = PostgresServer.MissingBinariesMessage;
        }
    }
}
