namespace ControlPlane.Runtime.Transport;

/// <summary>
/// The frame layout shared by silos and clients: an 8-byte prefix (int32 header length, int32 body length,
/// little-endian), a binary header, then a UTF-8 JSON body. The first frame each way is the preamble.
/// </summary>
internal static class WireFormat
{
    public const int PrefixLength = 8;

    /// <summary>"CPRT" little-endian: the first four bytes of every preamble.</summary>
    public const uint Magic = 0x54525043;

    public const ushort ProtocolVersion = 1;

    /// <summary>Header fields are small; a header this large is malformed.</summary>
    public const int MaxHeaderBytes = 64 * 1024;

    public const int MaxStringBytes = 16 * 1024;

    public const int MaxChainLength = 256;
}
