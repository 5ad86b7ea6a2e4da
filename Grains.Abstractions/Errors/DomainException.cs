using Orleans;

namespace ControlPlane.Grains.Abstractions.Errors;

/// <summary>
/// Base of the errors the control plane's grains throw on purpose. The HTTP layer maps each abstract family
/// to a status (see the derived bases); messages are self-contained because only type and message are
/// guaranteed to cross silos.
/// </summary>
[GenerateSerializer, Alias("controlplane.errors.DomainException")]
public abstract class DomainException : Exception
{
    protected DomainException(string message)
        : base(message)
    {
    }

    protected DomainException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Stable machine-readable error code (snake_case), for problem documents.</summary>
    public abstract string Code { get; }
}
