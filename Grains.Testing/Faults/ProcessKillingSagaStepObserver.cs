using System.Diagnostics;
using ControlPlane.Grains.Instances.Sagas;

namespace ControlPlane.Grains.Testing.Faults;

/// <summary>
/// Kills this silo's own process (SIGKILL: no goodbye to membership, nothing flushed) right after an instance has
/// recorded the outcome of the chosen step, i.e. between that step and the next. Once per marker file, so the silo
/// that replaces it, or any other silo, carries on: the file is created atomically by the one that dies.
/// </summary>
public sealed class ProcessKillingSagaStepObserver(SagaKind kind, SagaStep step, string markerPath, string siloName) : ISagaStepObserver
{
    public void Recorded(Guid instanceId, SagaKind recordedKind, SagaStep recordedStep, SagaPhase phase)
    {
        if (phase != SagaPhase.Forward || recordedKind != kind || recordedStep != step)
        {
            return;
        }

        try
        {
            using var marker = new FileStream(markerPath, FileMode.CreateNew, FileAccess.Write);
            marker.Write(System.Text.Encoding.UTF8.GetBytes($"{instanceId} {recordedKind}:{recordedStep} silo {siloName} pid {Environment.ProcessId}"));
        }
        catch (IOException)
        {
            return; // someone already died here
        }

        Process.GetCurrentProcess().Kill();
    }

    /// <summary>Parses <c>Kind:Step</c> (e.g. <c>Start:RegisterOnSled</c>).</summary>
    public static (SagaKind Kind, SagaStep Step) Parse(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        var parts = value.Split(':', 2);
        return parts.Length == 2 && Enum.TryParse<SagaKind>(parts[0], out var kind) && Enum.TryParse<SagaStep>(parts[1], out var step)
            ? (kind, step)
            : throw new FormatException($"'{value}' is not Kind:Step (e.g. Start:RegisterOnSled).");
    }
}
