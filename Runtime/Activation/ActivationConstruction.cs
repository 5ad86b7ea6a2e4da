namespace ControlPlane.Runtime.Activation;

/// <summary>The activation whose grain instance is being constructed on this thread, read by <see cref="Grain"/>'s constructor.</summary>
internal static class ActivationConstruction
{
    [ThreadStatic]
    private static IGrainContext? _current;

    public static IGrainContext? Current => _current;

    public static Scope Enter(IGrainContext context)
    {
        var previous = _current;
        _current = context;
        return new Scope(previous);
    }

    public readonly struct Scope(IGrainContext? previous) : IDisposable
    {
        public void Dispose() => _current = previous;
    }
}
