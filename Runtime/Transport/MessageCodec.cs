using System.Buffers;
using System.Collections.Immutable;
using System.Text.Json;
using ControlPlane.Runtime.Invocation;
using ControlPlane.Runtime.Manifest;
using ControlPlane.Runtime.Membership;
using ControlPlane.Runtime.Messaging;
using ControlPlane.Runtime.Serialization;

namespace ControlPlane.Runtime.Transport;

/// <summary>
/// Turns messages into frames and back: a binary header (direction, status, forward count, correlation id, deadline
/// as remaining milliseconds, fencing token, target, sender, origin silo, call chain, interface alias and method id)
/// and a JSON body (the request's arguments, the result, or a <see cref="RemoteError"/>).
/// </summary>
internal sealed class MessageCodec(GrainSerializer serializer, Func<long, GrainMethodDescriptor?> pendingMethod)
{
    private const int NoDeadline = -1;

    public void Write(IBufferWriter<byte> output, Message message)
    {
        var header = new ArrayBufferWriter<byte>(256);
        var writer = new HeaderWriter(header);
        writer.WriteByte((byte)message.Direction);
        writer.WriteByte((byte)(message.Response?.Status ?? 0));
        writer.WriteByte(message.ForwardCount);
        writer.WriteByte(0);
        writer.WriteInt64(message.CorrelationId);
        writer.WriteString(message.Target.ToString());
        byte[] body = [];
        switch (message.Direction)
        {
            case MessageDirection.Request or MessageDirection.OneWay:
                var request = message.Request!;
                var remaining = message.DeadlineMs <= 0 ? NoDeadline : (int)Math.Clamp(message.DeadlineMs - Environment.TickCount64, 0, int.MaxValue);
                writer.WriteInt32(remaining);
                writer.WriteInt64(message.FencingToken);
                writer.WriteString(message.Sender?.ToString());
                writer.WriteString(message.OriginSilo?.ToString());
                writer.WriteGuid(message.Chain.Id);
                writer.WriteInt32(message.Chain.Path.Length);
                foreach (var grain in message.Chain.Path)
                {
                    writer.WriteString(grain.ToString());
                }

                writer.WriteString(request.Method.InterfaceAlias);
                writer.WriteUInt32(request.Method.MethodId);
                body = serializer.Serialize(request, request.GetType());
                break;
            case MessageDirection.Response:
                var response = message.Response!;
                body = response.Status switch
                {
                    ResponseStatus.Success => response.Result is null ? [] : serializer.Serialize(response.Result, response.Result.GetType()),
                    ResponseStatus.Error or ResponseStatus.Rejected => JsonSerializer.SerializeToUtf8Bytes(
                        RemoteError.From(response.Exception ?? new InvalidOperationException("The call failed."), serializer), TransportJsonContext.Default.RemoteError),
                    _ => [],
                };
                break;
            case MessageDirection.Cancel:
                writer.WriteString(message.OriginSilo?.ToString());
                break;
        }

        FrameWriter.Write(output, header.WrittenSpan, body);
    }

    /// <summary>
    /// Decodes a frame from <paramref name="peer"/>. A malformed header throws <see cref="MalformedFrameException"/> (the
    /// connection closes); a well-formed request naming an unknown method or carrying an unreadable body comes back
    /// with <paramref name="refusal"/> set, so the caller gets an error and the connection stays up.
    /// </summary>
    public Message Read(Frame frame, SiloAddress? peer, out Exception? refusal)
    {
        refusal = null;
        var reader = new HeaderReader(frame.Header);
        var direction = (MessageDirection)reader.ReadByte();
        var status = (ResponseStatus)reader.ReadByte();
        var forwardCount = reader.ReadByte();
        reader.ReadByte();
        var correlationId = reader.ReadInt64();
        var target = ParseGrainId(reader.ReadString());
        switch (direction)
        {
            case MessageDirection.Request or MessageDirection.OneWay:
            {
                var remaining = reader.ReadInt32();
                var fence = reader.ReadInt64();
                var senderText = reader.ReadString();
                var originText = reader.ReadString();
                var chainId = reader.ReadGuid();
                var pathLength = reader.ReadInt32();
                if (pathLength < 0 || pathLength > WireFormat.MaxChainLength)
                {
                    throw new MalformedFrameException($"call chain length {pathLength} is out of range");
                }

                var path = ImmutableArray.CreateBuilder<GrainId>(pathLength);
                for (var i = 0; i < pathLength; i++)
                {
                    path.Add(ParseGrainId(reader.ReadString()));
                }

                var alias = reader.ReadString();
                var methodId = reader.ReadUInt32();
                EnsureEnd(ref reader);
                var origin = originText.Length == 0 ? peer : ParseSilo(originText);
                GrainRequest? request = null;
                var method = GrainManifest.FindInterface(alias)?.FindMethod(methodId);
                if (method is null)
                {
                    refusal = new GrainCallRejectedException($"Method {methodId:x8} of interface '{alias}' is not known to this silo (different grain assemblies?).");
                }
                else
                {
                    try
                    {
                        request = (GrainRequest?)serializer.Deserialize(frame.Body, method.RequestType)
                            ?? throw new JsonException("The request body is null.");
                    }
                    catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException or FormatException)
                    {
                        refusal = new GrainCallRejectedException($"The arguments of {method} could not be read: {ex.Message}");
                    }
                }

                return new Message
                {
                    Direction = direction,
                    CorrelationId = correlationId,
                    Target = target,
                    Sender = senderText.Length == 0 ? null : ParseGrainId(senderText),
                    Request = request,
                    Chain = new CallChain(chainId, path.ToImmutable()),
                    DeadlineMs = remaining == NoDeadline ? 0 : Environment.TickCount64 + remaining,
                    FencingToken = fence,
                    OriginSilo = origin,
                    ForwardCount = forwardCount,
                };
            }

            case MessageDirection.Response:
            {
                EnsureEnd(ref reader);
                return new Message
                {
                    Direction = direction,
                    CorrelationId = correlationId,
                    Target = target,
                    Response = ReadResponse(status, correlationId, frame.Body),
                };
            }

            case MessageDirection.Cancel:
            {
                var originText = reader.ReadString();
                EnsureEnd(ref reader);
                return new Message
                {
                    Direction = direction,
                    CorrelationId = correlationId,
                    Target = target,
                    OriginSilo = originText.Length == 0 ? peer : ParseSilo(originText),
                };
            }

            default:
                throw new MalformedFrameException($"unknown direction {(byte)direction}");
        }
    }

    private Response ReadResponse(ResponseStatus status, long correlationId, byte[] body)
    {
        switch (status)
        {
            case ResponseStatus.Success:
                var method = pendingMethod(correlationId);
                if (method?.ResultType is null || body.Length == 0)
                {
                    return Response.Ok(null);
                }

                try
                {
                    return Response.Ok(serializer.Deserialize(body, method.ResultType));
                }
                catch (Exception ex) when (ex is JsonException or NotSupportedException)
                {
                    return Response.Failed(new InvalidOperationException($"The result of {method} could not be read: {ex.Message}", ex));
                }

            case ResponseStatus.Error or ResponseStatus.Rejected:
                RemoteError error;
                try
                {
                    error = JsonSerializer.Deserialize(body, TransportJsonContext.Default.RemoteError)
                        ?? throw new MalformedFrameException("the error body is null");
                }
                catch (JsonException ex)
                {
                    throw new MalformedFrameException($"the error body is not valid: {ex.Message}");
                }

                var exception = error.ToException(serializer);
                return status == ResponseStatus.Error ? Response.Failed(exception) : Response.Rejected(exception);
            case ResponseStatus.Cancelled:
                return Response.Cancelled();
            default:
                throw new MalformedFrameException($"unknown response status {(byte)status}");
        }
    }

    private static void EnsureEnd(ref HeaderReader reader)
    {
        if (!reader.AtEnd)
        {
            throw new MalformedFrameException("the header has trailing bytes");
        }
    }

    private static GrainId ParseGrainId(string text)
    {
        try
        {
            return GrainId.Parse(text);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            throw new MalformedFrameException($"'{Truncate(text)}' is not a grain id");
        }
    }

    private static SiloAddress ParseSilo(string text)
    {
        try
        {
            return SiloAddress.Parse(text);
        }
        catch (FormatException)
        {
            throw new MalformedFrameException($"'{Truncate(text)}' is not a silo address");
        }
    }

    private static string Truncate(string text) => text.Length <= 64 ? text : text[..64] + "...";
}
