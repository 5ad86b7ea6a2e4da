namespace ControlPlane.Runtime.Tests.Grains;

/// <summary>Sends a one-way notice and stays busy; the notified grain calls back while the sender's turn still runs.</summary>
public interface INotifierGrain : IGrainWithIntegerKey
{
    Task NotifyAndStayBusy(INotifiedGrain target);

    Task<string> Name();
}

public sealed class NotifierGrain : Grain, INotifierGrain
{
    public async Task NotifyAndStayBusy(INotifiedGrain target)
    {
        _ = target.Notified(GrainContext.GrainReference.AsReference<INotifierGrain>());
        await Task.Delay(300); // the callback arrives while this turn is still running
    }

    public Task<string> Name() => Task.FromResult("notifier-" + this.GetPrimaryKeyLong());
}

public interface INotifiedGrain : IGrainWithIntegerKey
{
    [OneWay]
    Task Notified(INotifierGrain from);
}

public sealed class NotifiedGrain(ProbeLog log) : Grain, INotifiedGrain
{
    public async Task Notified(INotifierGrain from)
    {
        try
        {
            log.Add("callback:" + await from.Name());
        }
        catch (Exception ex)
        {
            log.Add("callback-failed:" + ex.GetType().Name);
        }
    }
}
