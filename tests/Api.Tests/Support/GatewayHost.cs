using ControlPlane.Api.Listeners;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace ControlPlane.Api.Tests.Support;

/// <summary>
/// The real gateway (Kestrel on loopback ports chosen by the OS, embedded silo) with one HTTP client per listener.
/// Used as an xunit class fixture; <see cref="StartAsync"/> also serves tests that need a private instance.
/// </summary>
public sealed class GatewayHost : IAsyncLifetime
{
    private readonly Action<WebApplication>? _configure;
    private readonly Action<WebApplicationBuilder>? _configureBuilder;
    private readonly string[] _extraArgs;

    public GatewayHost()
        : this(null, null)
    {
    }

    private GatewayHost(Action<WebApplication>? configure, Action<WebApplicationBuilder>? configureBuilder, params string[] extraArgs)
    {
        _configure = configure;
        _configureBuilder = configureBuilder;
        _extraArgs = extraArgs;
    }

    public WebApplication App { get; private set; } = null!;

    public HttpClient External { get; private set; } = null!;

    public HttpClient Internal { get; private set; } = null!;

    /// <summary>Starts a private gateway; <paramref name="configure"/> may map extra routes before start.</summary>
    public static async Task<GatewayHost> StartAsync(Action<WebApplication>? configure = null, params string[] extraArgs)
    {
        var host = new GatewayHost(configure, null, extraArgs);
        await host.InitializeAsync();
        return host;
    }

    /// <summary>Starts a private gateway; <paramref name="configureBuilder"/> may add services before the build.</summary>
    public static async Task<GatewayHost> StartWithServicesAsync(Action<WebApplicationBuilder> configureBuilder, params string[] extraArgs)
    {
        var host = new GatewayHost(null, configureBuilder, extraArgs);
        await host.InitializeAsync();
        return host;
    }

    public async Task InitializeAsync()
    {
        App = ApiApplication.Create(
        [
            "--Api:ExternalUrl=http://127.0.0.1:0",
            "--Api:InternalUrl=http://127.0.0.1:0",
            "--Serilog:MinimumLevel:Default=Warning",
            .. _extraArgs,
        ], _configureBuilder);
        _configure?.Invoke(App);
        await App.StartAsync();
        var listeners = App.Services.GetRequiredService<ListenerBindings>();
        External = new HttpClient { BaseAddress = listeners.AddressOf(ApiListener.External), Timeout = TimeSpan.FromSeconds(30) };
        Internal = new HttpClient { BaseAddress = listeners.AddressOf(ApiListener.Internal), Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        External?.Dispose();
        Internal?.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
