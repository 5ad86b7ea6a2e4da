using System.Buffers.Binary;
using System.Text;
using ControlPlane.Runtime.Hosting;
using ControlPlane.Runtime.Testing;
using ControlPlane.Runtime.Tests.Grains;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace ControlPlane.Runtime.Tests.Cluster;

/// <summary>
/// Hostile and confused peers on raw sockets: each bad connection is closed (or refused with a reason) and only
/// that one; the silo keeps accepting handshakes and the cluster keeps answering calls.
/// </summary>
public sealed class WireProtocolTests : IAsyncLifetime
{
    private const byte SiloKind = 1;
    private const byte ClientKind = 2;
    private const byte RefusalKind = 3;
    private const int MaxFrameBytes = 64 * 1024;

    private TestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _cluster = new TestClusterBuilder()
            .ConfigureServices(services => services.AddSingleton(new ProbeLog()))
            .AddSiloBuilderConfigurator(silo => silo.Configure<ClusterMembershipOptions>(o => o.MaxFrameBytes = MaxFrameBytes))
            .Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private Silo Silo => _cluster.Primary.Silo;

    private int SiloPort => Silo.Address.Port;

    private int GatewayPort => Silo.GatewayPort ?? throw new InvalidOperationException("The silo has no gateway.");

    private int PortOf(string port) => port == "silo" ? SiloPort : GatewayPort;

    /// <summary>The preamble a well-behaved peer of that port sends: a silo on the silo port, a client on the gateway port.</summary>
    private byte[] ValidPreambleFor(string port) => port == "silo"
        ? RawWireConnection.Preamble(_cluster.Options.ClusterId, SiloKind, "127.0.0.1:1@1")
        : RawWireConnection.Preamble(_cluster.Options.ClusterId, ClientKind, Guid.NewGuid().ToString("N"));

    [Theory]
    [InlineData("silo")]
    [InlineData("gateway")]
    public async Task Garbage_bytes_close_that_connection_and_the_cluster_keeps_answering(string port)
    {
        await using (var garbage = await RawWireConnection.ConnectAsync(PortOf(port)))
        {
            await garbage.SendAsync(Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n"));
            await garbage.ReadUntilClosedAsync();
        }

        await using (var zeros = await RawWireConnection.ConnectAsync(PortOf(port)))
        {
            await zeros.SendAsync(new byte[64]); // header length 0
            await zeros.ReadUntilClosedAsync();
        }

        await AssertStillServingAsync(port);
    }

    [Theory]
    [InlineData("silo", SiloKind)]
    [InlineData("gateway", ClientKind)]
    public async Task A_wrong_cluster_id_is_refused_with_the_reason_and_the_silo_keeps_serving_others(string port, byte kind)
    {
        await using (var stranger = await RawWireConnection.ConnectAsync(PortOf(port)))
        {
            await stranger.SendAsync(RawWireConnection.Preamble("some-other-cluster", kind, kind == SiloKind ? "127.0.0.1:1@1" : "client-x"));

            var refusal = ParsePreamble(await stranger.ReadFrameAsync());
            Assert.Equal(RefusalKind, refusal.Kind);
            Assert.Contains("cluster id 'some-other-cluster' does not match", refusal.Identity, StringComparison.Ordinal);
            await stranger.ReadUntilClosedAsync();
        }

        await AssertStillServingAsync(port);
    }

    [Fact]
    public async Task A_client_on_the_silo_port_and_a_silo_on_the_gateway_port_are_refused()
    {
        await using (var client = await RawWireConnection.ConnectAsync(SiloPort))
        {
            await client.SendAsync(RawWireConnection.Preamble(_cluster.Options.ClusterId, ClientKind, "client-x"));

            var refusal = ParsePreamble(await client.ReadFrameAsync());
            Assert.Equal(RefusalKind, refusal.Kind);
            Assert.Contains("clients must connect to the gateway port", refusal.Identity, StringComparison.Ordinal);
            await client.ReadUntilClosedAsync();
        }

        await using (var silo = await RawWireConnection.ConnectAsync(GatewayPort))
        {
            await silo.SendAsync(RawWireConnection.Preamble(_cluster.Options.ClusterId, SiloKind, "127.0.0.1:1@1"));

            var refusal = ParsePreamble(await silo.ReadFrameAsync());
            Assert.Equal(RefusalKind, refusal.Kind);
            Assert.Contains("silos must connect to the silo port", refusal.Identity, StringComparison.Ordinal);
            await silo.ReadUntilClosedAsync();
        }

        await AssertStillServingAsync("silo");
        await AssertStillServingAsync("gateway");
    }

    [Fact]
    public async Task A_wrong_protocol_version_is_refused_with_the_reason()
    {
        await using var peer = await RawWireConnection.ConnectAsync(GatewayPort);
        await peer.SendAsync(RawWireConnection.Preamble(_cluster.Options.ClusterId, ClientKind, "client-x", version: 99));

        var refusal = ParsePreamble(await peer.ReadFrameAsync());
        Assert.Equal(RefusalKind, refusal.Kind);
        Assert.Contains("protocol version 99 is not supported", refusal.Identity, StringComparison.Ordinal);
        await peer.ReadUntilClosedAsync();
    }

    [Theory]
    [InlineData("silo")]
    [InlineData("gateway")]
    public async Task A_frame_header_over_the_limit_closes_that_connection_and_others_keep_working(string port)
    {
        await using (var peer = await HandshakeAsync(port))
        {
            await peer.SendAsync(RawWireConnection.Prefix(64 * 1024 + 1, 0)); // the header limit is 64 KiB whatever MaxFrameBytes says
            await peer.ReadUntilClosedAsync();
        }

        await AssertStillServingAsync(port);
    }

    [Theory]
    [InlineData("silo")]
    [InlineData("gateway")]
    public async Task A_frame_over_MaxFrameBytes_closes_that_connection_before_the_body_arrives(string port)
    {
        await using (var peer = await HandshakeAsync(port))
        {
            // Only the prefix is sent: the silo must judge the frame by its declared length, not wait for 1 MiB.
            await peer.SendAsync(RawWireConnection.Prefix(32, 1024 * 1024));
            await peer.ReadUntilClosedAsync();
        }

        await using (var peer = await HandshakeAsync(port))
        {
            await peer.SendAsync(RawWireConnection.Prefix(16, -1)); // a negative body length
            await peer.ReadUntilClosedAsync();
        }

        await AssertStillServingAsync(port);
    }

    [Fact]
    public async Task A_grain_on_another_silo_answers_a_call_made_on_the_first()
    {
        var second = await _cluster.StartAdditionalSiloAsync();
        await _cluster.WaitForLivenessToStabilizeAsync();
        var client = _cluster.Primary.Silo.Client;

        // Hash placement spreads keys over both silos: call until one activation lands on the second (one in 2^100 to miss).
        var remote = false;
        for (var key = 1; key <= 100 && !remote; key++)
        {
            Assert.Equal(1, await client.GetGrain<ISlowGrain>(key).Ping());
            remote = second.Silo.ActiveGrainIds.Any(id => id.Key == key.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.True(remote, "no grain was placed on the second silo");
    }

    [Fact]
    public async Task A_request_for_an_unknown_interface_gets_a_rejection_and_the_connection_stays_up()
    {
        await using var client = await HandshakeAsync("gateway");

        for (var correlationId = 41L; correlationId <= 42; correlationId++)
        {
            await client.SendAsync(UnknownInterfaceRequest(correlationId));

            var frame = await client.ReadFrameAsync();
            Assert.NotNull(frame);
            var (header, body) = frame.Value;
            Assert.Equal(3, header[0]); // response
            Assert.Equal(4, header[1]); // rejected
            Assert.Equal(correlationId, BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(4)));
            var error = Encoding.UTF8.GetString(body); // a RemoteError as JSON
            Assert.Contains(nameof(GrainCallRejectedException), error, StringComparison.Ordinal);
            Assert.Contains("no.such.interface", error, StringComparison.Ordinal);
            Assert.Contains("is not known to this silo", error, StringComparison.Ordinal);
        }

        await AssertStillServingAsync("gateway");
    }

    /// <summary>A request frame, field by field as MessageCodec writes one, naming an interface no silo has.</summary>
    private static byte[] UnknownInterfaceRequest(long correlationId)
    {
        byte[] header =
        [
            1, 0, 0, 0, // request, no status, forward count 0, reserved
            .. RawWireConnection.LittleEndian(correlationId),
            .. RawWireConnection.HeaderString("nosuch/1"), // target
            .. RawWireConnection.LittleEndian(30_000), // remaining deadline, ms
            .. RawWireConnection.LittleEndian(0L), // fencing token
            .. RawWireConnection.HeaderString(""), // sender
            .. RawWireConnection.HeaderString(""), // origin silo
            .. Guid.NewGuid().ToByteArray(), // call chain id
            .. RawWireConnection.LittleEndian(0), // call chain length
            .. RawWireConnection.HeaderString("no.such.interface"),
            .. RawWireConnection.LittleEndian(0x12345678u), // method id
        ];
        return RawWireConnection.Frame(header, "{}"u8.ToArray());
    }

    /// <summary>Connects and completes the preamble exchange as a well-behaved peer of that port.</summary>
    private async Task<RawWireConnection> HandshakeAsync(string port)
    {
        var connection = await RawWireConnection.ConnectAsync(PortOf(port));
        await connection.SendAsync(ValidPreambleFor(port));
        var answer = ParsePreamble(await connection.ReadFrameAsync());
        Assert.Equal(SiloKind, answer.Kind);
        Assert.Equal(_cluster.Options.ClusterId, answer.ClusterId);
        Assert.Equal(Silo.Address.ToString(), answer.Identity); // dialling silos check this is the address they dialled
        return connection;
    }

    /// <summary>A fresh handshake on the same port is accepted and the external client's calls are answered.</summary>
    private async Task AssertStillServingAsync(string port)
    {
        await using (await HandshakeAsync(port))
        {
        }

        var grain = _cluster.Client.GetGrain<ISlowGrain>(Random.Shared.Next());
        Assert.Equal(1, await grain.Ping());
    }

    private static (byte Kind, string ClusterId, string Identity) ParsePreamble((byte[] Header, byte[] Body)? frame)
    {
        Assert.NotNull(frame);
        var header = frame.Value.Header;
        Assert.Equal(0x54525043u, BinaryPrimitives.ReadUInt32LittleEndian(header));
        Assert.Equal(1, BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(4)));
        var kind = header[6];
        var position = 7;
        var clusterId = ReadString(header, ref position);
        var identity = ReadString(header, ref position);
        Assert.Equal(header.Length, position);
        return (kind, clusterId, identity);
    }

    private static string ReadString(byte[] header, ref int position)
    {
        var length = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(position));
        var text = Encoding.UTF8.GetString(header, position + 4, length);
        position += 4 + length;
        return text;
    }
}
