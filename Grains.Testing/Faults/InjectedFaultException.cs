namespace ControlPlane.Grains.Testing.Faults;

/// <summary>A failure a test asked for (a storage write or a grain call); never thrown outside tests.</summary>
public sealed class InjectedFaultException(string message) : Exception(message);
