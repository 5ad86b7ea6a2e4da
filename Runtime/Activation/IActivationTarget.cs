using ControlPlane.Runtime.Messaging;

namespace ControlPlane.Runtime.Activation;

/// <summary>Where the catalog delivers a grain's requests: one activation, or a pool of stateless workers.</summary>
internal interface IActivationTarget
{
    /// <summary>False when the target has gone away; the catalog then creates a new one.</summary>
    bool TryEnqueue(Message message);

    IEnumerable<ActivationData> Activations { get; }
}
