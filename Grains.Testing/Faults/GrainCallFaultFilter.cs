using Orleans;

namespace ControlPlane.Grains.Testing.Faults;

/// <summary>Fails the incoming grain calls <see cref="GrainCallFaults"/> names; every other call goes through.</summary>
public sealed class GrainCallFaultFilter(GrainCallFaults faults) : IIncomingGrainCallFilter
{
    public Task Invoke(IIncomingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        faults.OnCall(context.InterfaceMethod?.DeclaringType, context.InterfaceMethod?.Name ?? context.MethodName);
        return context.Invoke();
    }
}
