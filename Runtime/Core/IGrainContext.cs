namespace ControlPlane.Runtime;

/// <summary>What a grain activation can ask of the runtime about itself.</summary>
public interface IGrainContext
{
    GrainId GrainId { get; }

    /// <summary>A reference to this grain, usable as a call argument.</summary>
    GrainReference GrainReference { get; }

    IGrainFactory GrainFactory { get; }

    /// <summary>Services scoped to this activation; disposed when it deactivates.</summary>
    IServiceProvider ActivationServices { get; }

    /// <summary>The directory fencing token this activation holds (0 when the directory does not fence).</summary>
    long FencingToken { get; }

    /// <summary>Deactivate once the current turns have finished.</summary>
    void Deactivate(DeactivationReason reason);

    /// <summary>Keep this activation alive for at least <paramref name="timeSpan"/>, even when idle.</summary>
    void DelayDeactivation(TimeSpan timeSpan);

    IGrainTimer RegisterGrainTimer<TState>(Func<TState, CancellationToken, Task> callback, TState state, GrainTimerCreationOptions options);
}
