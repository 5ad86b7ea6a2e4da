using Microsoft.AspNetCore.Builder;

namespace ControlPlane.Api.Tests.Support;

/// <summary>A private <see cref="GatewayHost"/> for one test, disposed with <c>await using</c>.</summary>
public sealed class GatewayHostScope : IAsyncDisposable
{
    private GatewayHostScope(GatewayHost host) => Host = host;

    public GatewayHost Host { get; }

    public static async Task<GatewayHostScope> StartAsync(Action<WebApplication>? configure = null, params string[] extraArgs) =>
        new(await GatewayHost.StartAsync(configure, extraArgs));

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}
