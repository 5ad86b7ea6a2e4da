using ControlPlane.TestSupport;
using Orleans;
using Orleans.Runtime;
using Xunit;

namespace ControlPlane.Grains.Tests.Persistence;

/// <summary>
/// The seven reminder queries driven through Orleans' AdoNetReminderTable: upsert bumps the version, delete is
/// conditional on it, and ring-range reads compare the grain hash as a signed int whether or not the range wraps.
/// </summary>
public sealed class ReminderContractTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static readonly DateTime T0 = new(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc);

    [PostgresFact]
    public async Task Upsert_inserts_at_version_0_then_replaces_and_bumps_the_version()
    {
        var db = await MigratedDatabase.CreateAsync(postgres);
        using var host = await StartedAsync(db);
        var reminders = host.Reminders;
        var grain = GrainId.Create("reminder-grain", "a");

        var inserted = await reminders.UpsertRow(Reminder(grain, "tick", TimeSpan.FromMinutes(1)));
        var replaced = await reminders.UpsertRow(Reminder(grain, "tick", TimeSpan.FromMinutes(5), T0.AddHours(1)));

        Assert.Equal("0", inserted);
        Assert.Equal("1", replaced);
        var read = await reminders.ReadRow(grain, "tick");
        Assert.NotNull(read);
        Assert.Equal(grain, read.GrainId);
        Assert.Equal("tick", read.ReminderName);
        Assert.Equal(T0.AddHours(1), read.StartAt);
        Assert.Equal(TimeSpan.FromMinutes(5), read.Period);
        Assert.Equal("1", read.ETag);
    }

    [PostgresFact]
    public async Task A_period_beyond_int_milliseconds_round_trips()
    {
        var db = await MigratedDatabase.CreateAsync(postgres);
        using var host = await StartedAsync(db);
        var reminders = host.Reminders;
        var grain = GrainId.Create("reminder-grain", "long");

        await reminders.UpsertRow(Reminder(grain, "monthly", TimeSpan.FromDays(60)));

        Assert.Equal(TimeSpan.FromDays(60), (await reminders.ReadRow(grain, "monthly"))?.Period);
    }

    [PostgresFact]
    public async Task Reading_a_missing_reminder_gives_null()
    {
        var db = await MigratedDatabase.CreateAsync(postgres);
        using var host = await StartedAsync(db);
        var reminders = host.Reminders;

        Assert.Null(await reminders.ReadRow(GrainId.Create("reminder-grain", "none"), "tick"));
    }

    [PostgresFact]
    public async Task Remove_needs_the_current_version()
    {
        var db = await MigratedDatabase.CreateAsync(postgres);
        using var host = await StartedAsync(db);
        var reminders = host.Reminders;
        var grain = GrainId.Create("reminder-grain", "b");
        var first = await reminders.UpsertRow(Reminder(grain, "tick", TimeSpan.FromMinutes(1)));
        var current = await reminders.UpsertRow(Reminder(grain, "tick", TimeSpan.FromMinutes(2)));

        Assert.False(await reminders.RemoveRow(grain, "tick", first!));
        Assert.NotNull(await reminders.ReadRow(grain, "tick"));
        Assert.True(await reminders.RemoveRow(grain, "tick", current!));
        Assert.Null(await reminders.ReadRow(grain, "tick"));
        Assert.False(await reminders.RemoveRow(grain, "tick", current!));
    }

    [PostgresFact]
    public async Task Reading_a_grains_reminders_returns_all_of_them_and_no_other_grains_or_services()
    {
        var db = await MigratedDatabase.CreateAsync(postgres);
        using var host = await StartedAsync(db);
        var reminders = host.Reminders;
        using var otherHost = await StartedAsync(db, "other-service");
        var otherService = otherHost.Reminders;
        var grain = GrainId.Create("reminder-grain", "c");
        await reminders.UpsertRow(Reminder(grain, "one", TimeSpan.FromMinutes(1)));
        await reminders.UpsertRow(Reminder(grain, "two", TimeSpan.FromMinutes(1)));
        await reminders.UpsertRow(Reminder(GrainId.Create("reminder-grain", "d"), "one", TimeSpan.FromMinutes(1)));
        await otherService.UpsertRow(Reminder(grain, "three", TimeSpan.FromMinutes(1)));

        var rows = await reminders.ReadRows(grain);

        Assert.Equal(["one", "two"], rows.Reminders.Select(r => r.ReminderName).Order(StringComparer.Ordinal));
    }

    [PostgresFact]
    public async Task Clearing_the_table_removes_only_this_services_reminders()
    {
        var db = await MigratedDatabase.CreateAsync(postgres);
        using var host = await StartedAsync(db);
        var reminders = host.Reminders;
        using var otherHost = await StartedAsync(db, "other-service");
        var otherService = otherHost.Reminders;
        var grain = GrainId.Create("reminder-grain", "e");
        await reminders.UpsertRow(Reminder(grain, "one", TimeSpan.FromMinutes(1)));
        await otherService.UpsertRow(Reminder(grain, "one", TimeSpan.FromMinutes(1)));

        await reminders.TestOnlyClearTable();

        Assert.Empty((await reminders.ReadRows(grain)).Reminders);
        Assert.Single((await otherService.ReadRows(grain)).Reminders);
    }

    [PostgresFact]
    public async Task Range_reads_return_exactly_the_grains_hashing_into_the_ring_range_including_wrap_around()
    {
        var db = await MigratedDatabase.CreateAsync(postgres);
        using var host = await StartedAsync(db);
        var reminders = host.Reminders;
        var grains = Enumerable.Range(0, 256).Select(i => GrainId.Create("reminder-grain", $"ring-{i}")).ToArray();
        foreach (var grain in grains)
        {
            await reminders.UpsertRow(Reminder(grain, "tick", TimeSpan.FromMinutes(1)));
        }

        var sorted = grains.Select(g => g.GetUniformHashCode()).Order().ToArray();
        (uint Begin, uint End)[] ranges =
        [
            (0x1000_0000, 0x4000_0000),               // low half, no wrap either way
            (0x9000_0000, 0xC000_0000),               // high half: negative as int, still begin < end
            (0x7000_0000, 0x9000_0000),               // crosses int.MaxValue: begin > end as int (ReadRangeRows2Key)
            (0xE000_0000, 0x2000_0000),               // wraps through 0: begin < end as int (ReadRangeRows1Key)
            (sorted[10], sorted[50]),                 // exact hashes: begin excluded, end included
            (sorted[200], sorted[20]),                // wrap with exact hashes
            (sorted[99], sorted[99]),                 // begin == end: the whole ring
        ];

        foreach (var (begin, end) in ranges)
        {
            var expected = grains.Where(g => InRing(g.GetUniformHashCode(), begin, end)).Order().ToArray();
            var actual = (await reminders.ReadRows(begin, end)).Reminders.Select(r => r.GrainId).Order().ToArray();

            Assert.NotEmpty(expected);
            Assert.True(expected.SequenceEqual(actual), $"range ({begin:X8}, {end:X8}]: expected {expected.Length} grains, got {actual.Length}");
        }
    }

    /// <summary>The ring range (begin, end] on unsigned hashes; begin == end is the whole ring.</summary>
    private static bool InRing(uint hash, uint begin, uint end) =>
        begin < end ? hash > begin && hash <= end : hash > begin || hash <= end;

    private static ReminderEntry Reminder(GrainId grain, string name, TimeSpan period, DateTime? start = null) => new()
    {
        GrainId = grain,
        ReminderName = name,
        StartAt = start ?? T0,
        Period = period,
    };

    private static async Task<OrleansProviderHost> StartedAsync(string db, string serviceId = "service")
    {
        var host = await OrleansProviderHost.CreateAsync(db, serviceId: serviceId);
        await host.Reminders.StartAsync();
        return host;
    }
}
