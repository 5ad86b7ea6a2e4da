using System.Collections.Immutable;

namespace ControlPlane.Runtime.Membership;

/// <summary>One silo's row in the membership table. <see cref="LeaseExpiresAt"/> is on the table's clock, never the silo's.</summary>
public sealed record MembershipEntry
{
    public required SiloAddress Address { get; init; }

    public required string SiloName { get; init; }

    public required SiloLifecycleStatus Status { get; init; }

    /// <summary>The port external clients connect to; 0 when the silo is not a gateway.</summary>
    public int GatewayPort { get; init; }

    /// <summary>Roles for silo-role placement (for example "sled-7"); a grain placed by role runs only on a silo carrying it.</summary>
    public ImmutableArray<string> Roles { get; init; } = [];

    public DateTimeOffset LeaseExpiresAt { get; init; }

    public DateTimeOffset JoinedAt { get; init; }

    public bool IsLive => Status is SiloLifecycleStatus.Joining or SiloLifecycleStatus.Active or SiloLifecycleStatus.ShuttingDown;
}

/// <summary>The whole table at one version, as read at <see cref="ReadAt"/> on the table's clock.</summary>
public sealed record MembershipSnapshot(long Version, ImmutableArray<MembershipEntry> Entries, DateTimeOffset ReadAt)
{
    public MembershipEntry? Find(SiloAddress address)
    {
        foreach (var entry in Entries)
        {
            if (entry.Address == address)
            {
                return entry;
            }
        }

        return null;
    }
}
