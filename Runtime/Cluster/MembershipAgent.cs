using System.Collections.Immutable;
using ControlPlane.Runtime.Hosting;
using ControlPlane.Runtime.Membership;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Runtime.Cluster;

/// <summary>
/// This silo's side of lease membership: joins the table, renews its lease every third of the lease on the table's
/// clock, declares expired silos dead, polls the table version so view changes arrive within a second, and raises
/// <see cref="LeaseLost"/> when this silo can no longer prove its lease (renewal refused, its row Dead, or no
/// successful renewal before its local deadline). After that the silo must stop serving.
/// </summary>
internal sealed class MembershipAgent(
    IMembershipTable table,
    ClusterMembershipOptions options,
    ILogger<MembershipAgent> logger) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];
    private MembershipSnapshot _view = new(0, [], DateTimeOffset.MinValue);
    private long _leaseValidUntilMs;
    private int _leaseLost;
    private volatile bool _frozen;
    private int _disposed;
    private volatile bool _leaving;

    public SiloAddress Address { get; private set; }

    public MembershipSnapshot View => Volatile.Read(ref _view);

    /// <summary>Raised (once) when this silo's lease can no longer be proven.</summary>
    public event Action<string>? LeaseLost;

    /// <summary>Raised on the polling task after every new view.</summary>
    public event Action<MembershipSnapshot>? ViewChanged;

    public bool IsLeaseLost => Volatile.Read(ref _leaseLost) != 0;

    public async Task JoinAsync(MembershipEntry entry, CancellationToken cancellationToken)
    {
        Address = entry.Address;
        await table.InitializeAsync(cancellationToken).ConfigureAwait(false);
        var sentAt = Environment.TickCount64;
        await table.JoinAsync(entry, options.LeaseDuration, cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _leaseValidUntilMs, sentAt + LocalLeaseMs);
        await RefreshViewAsync(cancellationToken).ConfigureAwait(false);
        _loops.Add(Task.Run(RenewLoopAsync));
        _loops.Add(Task.Run(ViewLoopAsync));
    }

    public async Task SetStatusAsync(SiloLifecycleStatus status, CancellationToken cancellationToken)
    {
        if (status == SiloLifecycleStatus.Dead)
        {
            _leaving = true; // our own Dead row is a goodbye, not a lost lease
        }

        if (!await table.SetStatusAsync(Address, status, cancellationToken).ConfigureAwait(false))
        {
            OnLeaseLost($"the membership table refused status {status}: this silo's row is Dead");
            return;
        }

        await RefreshViewAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Test hook: the agent stops renewing, polling and checking its deadline, like a process stuck in a pause.</summary>
    internal void Freeze() => _frozen = true;

    internal void Unfreeze() => _frozen = false;

    private long LocalLeaseMs => (long)(options.LeaseDuration.TotalMilliseconds * 0.9);

    private async Task RenewLoopAsync()
    {
        var interval = options.RenewalInterval;
        while (!_stop.IsCancellationRequested && !IsLeaseLost)
        {
            try
            {
                await Task.Delay(interval, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            if (_frozen)
            {
                continue;
            }

            var sentAt = Environment.TickCount64;
            try
            {
                if (await table.RenewLeaseAsync(Address, options.LeaseDuration, _stop.Token).ConfigureAwait(false))
                {
                    Volatile.Write(ref _leaseValidUntilMs, sentAt + LocalLeaseMs);
                }
                else
                {
                    OnLeaseLost("the membership table refused the lease renewal (this silo's row is Dead or its lease expired)");
                    break;
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogWarning("Lease renewal of silo {Silo} failed: {Error}", Address, ex.Message);
            }

            if (!_frozen && Environment.TickCount64 >= Volatile.Read(ref _leaseValidUntilMs))
            {
                OnLeaseLost($"no lease renewal succeeded within {options.LeaseDuration}");
                break;
            }

            try
            {
                var declared = await table.DeclareExpiredDeadAsync(_stop.Token).ConfigureAwait(false);
                foreach (var dead in declared)
                {
                    logger.LogWarning("Silo {Silo} declared silo {Dead} dead: its lease expired.", Address, dead);
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogDebug("Declaring expired silos dead failed: {Error}", ex.Message);
            }
        }
    }

    private async Task ViewLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.ViewPollInterval, _stop.Token).ConfigureAwait(false);
                if (_frozen)
                {
                    continue;
                }

                if (Environment.TickCount64 >= Volatile.Read(ref _leaseValidUntilMs))
                {
                    OnLeaseLost($"no lease renewal succeeded within {options.LeaseDuration}");
                }

                var version = await table.ReadVersionAsync(_stop.Token).ConfigureAwait(false);
                if (version != View.Version)
                {
                    await RefreshViewAsync(_stop.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogDebug("Reading the membership table failed: {Error}", ex.Message);
            }
        }
    }

    private async Task RefreshViewAsync(CancellationToken cancellationToken)
    {
        var snapshot = await table.ReadAllAsync(cancellationToken).ConfigureAwait(false);
        MembershipSnapshot previous;
        do
        {
            previous = Volatile.Read(ref _view);
            if (snapshot.Version < previous.Version)
            {
                return; // views only move forward
            }
        }
        while (Interlocked.CompareExchange(ref _view, snapshot, previous) != previous);

        if (snapshot.Find(Address) is { Status: SiloLifecycleStatus.Dead })
        {
            OnLeaseLost("this silo's membership row was declared Dead");
        }

        ViewChanged?.Invoke(snapshot);
    }

    private void OnLeaseLost(string reason)
    {
        if (_leaving)
        {
            return;
        }

        if (Interlocked.Exchange(ref _leaseLost, 1) == 0)
        {
            logger.LogError("Silo {Silo} lost its membership lease: {Reason}. It stops serving.", Address, reason);
            LeaseLost?.Invoke(reason);
        }
    }

    /// <summary>Stops the loops without touching the table (a kill, or after a graceful leave).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_loops).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // a table call cancelled by the stop: the loops are over, which is all that matters here
        }
    }

    /// <summary>The live silos other silos may place grains on: Active, in this view.</summary>
    public ImmutableArray<MembershipEntry> ActiveSilos() =>
        [.. View.Entries.Where(e => e.Status == SiloLifecycleStatus.Active)];
}
