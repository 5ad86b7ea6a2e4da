using Orleans.Dashboard;

namespace ControlPlane.Grains.Hosting;

/// <summary>
/// The Orleans Dashboard's options in every silo and client. Its live log stream is off: logs go to Serilog, which does
/// not feed the dashboard's logger provider, so the page would stay empty (and logs belong in the log pipeline). The
/// gateway maps the dashboard on its internal listener only, without the grain-state inspector.
/// </summary>
public static class ControlPlaneDashboard
{
    public static void Configure(DashboardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.HideTrace = true;
    }
}
