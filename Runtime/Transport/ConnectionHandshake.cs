using System.Buffers;
using Microsoft.AspNetCore.Connections;

namespace ControlPlane.Runtime.Transport;

/// <summary>
/// The preamble exchange: the connecting side sends its preamble first; the accepting side checks the protocol
/// version and cluster id and answers with its own preamble, or with a refusal naming the reason, and closes.
/// </summary>
internal static class ConnectionHandshake
{
    public static async Task<ConnectionPreamble> ConnectAsync(ConnectionContext connection, ConnectionPreamble ours, CancellationToken cancellationToken)
    {
        ours.WriteTo(connection.Transport.Output);
        await connection.Transport.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
        var theirs = await ReadPreambleAsync(connection, cancellationToken).ConfigureAwait(false);
        if (theirs.Kind == PeerKind.Refusal)
        {
            throw new ConnectionRefusedException(theirs.Identity);
        }

        if (theirs.Kind != PeerKind.Silo)
        {
            throw new MalformedFrameException("the acceptor did not identify as a silo");
        }

        return theirs;
    }

    /// <summary>Reads and checks the connecting side's preamble; on a mismatch sends a refusal and throws.</summary>
    public static async Task<ConnectionPreamble> AcceptAsync(
        ConnectionContext connection, ConnectionPreamble ours, bool clientsAllowed, CancellationToken cancellationToken)
    {
        var theirs = await ReadPreambleAsync(connection, cancellationToken).ConfigureAwait(false);
        string? refusal = null;
        if (theirs.Version != WireFormat.ProtocolVersion)
        {
            refusal = $"protocol version {theirs.Version} is not supported (this silo speaks {WireFormat.ProtocolVersion})";
        }
        else if (!string.Equals(theirs.ClusterId, ours.ClusterId, StringComparison.Ordinal))
        {
            refusal = $"cluster id '{theirs.ClusterId}' does not match this silo's cluster '{ours.ClusterId}'";
        }
        else if (theirs.Kind == PeerKind.Client && !clientsAllowed)
        {
            refusal = "clients must connect to the gateway port, not the silo port";
        }
        else if (theirs.Kind == PeerKind.Silo && clientsAllowed)
        {
            refusal = "silos must connect to the silo port, not the gateway port";
        }
        else if (theirs.Kind == PeerKind.Refusal)
        {
            refusal = "a refusal is not a valid opening";
        }

        if (refusal is not null)
        {
            new ConnectionPreamble(WireFormat.ProtocolVersion, PeerKind.Refusal, ours.ClusterId, refusal).WriteTo(connection.Transport.Output);
            await connection.Transport.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
            throw new ConnectionRefusedException(refusal);
        }

        ours.WriteTo(connection.Transport.Output);
        await connection.Transport.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
        return theirs;
    }

    private static async Task<ConnectionPreamble> ReadPreambleAsync(ConnectionContext connection, CancellationToken cancellationToken)
    {
        var input = connection.Transport.Input;
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (FrameReader.TryRead(ref buffer, WireFormat.MaxHeaderBytes, out var frame))
            {
                input.AdvanceTo(buffer.Start);
                return ConnectionPreamble.Parse(frame.Header);
            }

            input.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                throw new ConnectionRefusedException("the peer closed the connection before sending its preamble");
            }
        }
    }
}

/// <summary>The other side refused the connection (wrong cluster id, protocol version or port), or closed it during the preamble.</summary>
public sealed class ConnectionRefusedException(string reason) : Exception($"Connection refused: {reason}.")
{
    public string Reason { get; } = reason;
}
