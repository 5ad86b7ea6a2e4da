using Xunit;

namespace ControlPlane.Runtime.Tests.Clustering;

/// <summary>
/// Base of the contract tests: each test gets a fresh backend. Contract methods are virtual and carry no test
/// attribute; each backend's subclass overrides them with [Fact] or [PostgresFact].
/// </summary>
public abstract class ClusterContract : IAsyncLifetime
{
    private ClusterBackend? _backend;

    protected ClusterBackend Backend => _backend ?? throw new InvalidOperationException("The backend is created in InitializeAsync.");

    protected static CancellationToken None => CancellationToken.None;

    protected abstract Task<ClusterBackend> CreateBackendAsync();

    public async Task InitializeAsync() => _backend = await CreateBackendAsync();

    public async Task DisposeAsync()
    {
        if (_backend is not null)
        {
            await _backend.DisposeAsync();
        }
    }
}
