namespace ControlPlane.Runtime;

/// <summary>
/// A grain class: either derive from <see cref="Grain"/> or implement this interface on a plain class
/// that takes <see cref="IGrainContext"/> in its constructor.
/// </summary>
public interface IGrainBase
{
    IGrainContext GrainContext { get; }

    Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Why an activation is being deactivated.</summary>
public enum DeactivationReasonCode
{
    None,
    ApplicationRequested,
    ActivationIdle,
    ShuttingDown,
    ActivationFailed,
    RuntimeRequested,
}

/// <summary>Why an activation is being deactivated, with a human-readable description.</summary>
public readonly record struct DeactivationReason(DeactivationReasonCode Code, string Description)
{
    public override string ToString() => $"{Code}: {Description}";
}
