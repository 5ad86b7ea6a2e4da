namespace ControlPlane.Grains.Abstractions.Vmms;

/// <summary>
/// Versions of the sled-agent VMM state read. The sled side is upgraded first and keeps serving old
/// versions; the Nexus side pulls at the newest version both support.
/// </summary>
public static class SledVmmApiVersion
{
    /// <summary>Omicron's frozen v1 <c>SledVmmState</c>.</summary>
    public const int V1 = 1;

    /// <summary>Adds <c>failure_reason</c> to the VMM runtime state (Omicron #10285).</summary>
    public const int V2 = 2;

    public const int Latest = V2;

    /// <summary>The newest version both sides support.</summary>
    public static int Negotiate(int sledMax, int nexusMax) => Math.Max(V1, Math.Min(Math.Min(sledMax, nexusMax), Latest));
}
