using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace ControlPlane.Api.Listeners;

/// <summary>
/// The Kestrel endpoints of both listeners. Each one tags its connections with its <see cref="ApiListener"/>;
/// after start-up <see cref="AddressOf"/> reports the bound address (the real port when configured with port 0).
/// </summary>
public sealed class ListenerBindings
{
    private readonly Dictionary<ApiListener, ListenOptions> _bound = [];

    /// <summary>Configures Kestrel to listen on both URLs (plain http; host an IP literal, <c>localhost</c> or <c>*</c>).</summary>
    public void Configure(KestrelServerOptions kestrel, ApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        ArgumentNullException.ThrowIfNull(options);
        Listen(kestrel, ApiListener.External, options.ExternalUrl);
        Listen(kestrel, ApiListener.Internal, options.InternalUrl);
    }

    /// <summary>The listener's address, e.g. <c>http://127.0.0.1:8080</c>.</summary>
    public Uri AddressOf(ApiListener listener)
    {
        var options = _bound.TryGetValue(listener, out var found) ? found : throw new InvalidOperationException($"The {listener} listener is not configured.");
        var endPoint = options.IPEndPoint ?? throw new InvalidOperationException($"The {listener} listener is not bound to an IP endpoint.");
        var host = endPoint.Address.Equals(IPAddress.Any) ? IPAddress.Loopback : endPoint.Address;
        return new UriBuilder(Uri.UriSchemeHttp, host.ToString(), endPoint.Port).Uri;
    }

    private void Listen(KestrelServerOptions kestrel, ApiListener listener, string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp || uri.AbsolutePath != "/")
        {
            throw new InvalidOperationException($"Api:{listener}Url must be an http URL with no path (for example http://127.0.0.1:8080), not '{url}'.");
        }

        var address = uri.Host is "*" or "+" ? IPAddress.Any
            : uri.Host == "localhost" ? IPAddress.Loopback
            : IPAddress.TryParse(uri.Host.Trim('[', ']'), out var parsed) ? parsed
            : throw new InvalidOperationException($"Api:{listener}Url must name an IP address, localhost or *, not '{uri.Host}'.");

        kestrel.Listen(address, uri.Port, options =>
        {
            _bound[listener] = options;
            options.Use(next => connection =>
            {
                ListenerConnectionTag.Tag(connection.Items, listener);
                return next(connection);
            });
        });
    }
}
