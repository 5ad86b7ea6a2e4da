using System.Reflection;

namespace ControlPlane.Runtime.Manifest;

/// <summary>A grain class and the scheduling and lifecycle properties read once from its attributes.</summary>
public sealed class GrainClassDescriptor
{
    internal GrainClassDescriptor(Type classType, IReadOnlyList<Type> interfaces)
    {
        ClassType = classType;
        Interfaces = interfaces;
        GrainType = classType.GetCustomAttribute<GrainTypeAttribute>()?.GrainType ?? DefaultGrainType(classType);
        IsReentrant = classType.GetCustomAttribute<ReentrantAttribute>() is not null;
        StatelessWorker = classType.GetCustomAttribute<StatelessWorkerAttribute>();
        CollectionAge = classType.GetCustomAttribute<CollectionAgeLimitAttribute>()?.Amount;
        Placement = classType.GetCustomAttribute<PlacementAttribute>(inherit: true) ?? new HashBasedPlacementAttribute();
    }

    public Type ClassType { get; }
    public string GrainType { get; }
    public IReadOnlyList<Type> Interfaces { get; }
    public bool IsReentrant { get; }
    public StatelessWorkerAttribute? StatelessWorker { get; }
    public bool IsStatelessWorker => StatelessWorker is not null;

    /// <summary>Where new activations go (hash-based unless the class says otherwise).</summary>
    public PlacementAttribute Placement { get; }

    /// <summary>Per-class idle collection age from [CollectionAgeLimit]; null means the silo default.</summary>
    public TimeSpan? CollectionAge { get; }

    /// <summary>"CounterGrain" becomes "counter": short, stable, and independent of the namespace.</summary>
    public static string DefaultGrainType(Type classType)
    {
        ArgumentNullException.ThrowIfNull(classType);
        var name = classType.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        if (tick >= 0)
        {
            name = name[..tick];
        }

        if (name.Length > 5 && name.EndsWith("Grain", StringComparison.Ordinal))
        {
            name = name[..^5];
        }

        return name.ToLowerInvariant();
    }

    public override string ToString() => $"{GrainType} ({ClassType.FullName})";
}
