using ControlPlane.TestSupport;
using Xunit;

namespace ControlPlane.Failover.Tests;

/// <summary>One throwaway PostgreSQL server for the failover tests that do not restart it; each test takes its own database.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "failover-postgres";
}
