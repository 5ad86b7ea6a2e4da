using System.Collections.Concurrent;
using System.Reflection;

namespace ControlPlane.Runtime.Manifest;

/// <summary>
/// The process-wide catalogue of grain interfaces and classes, filled from the generated providers of each
/// assembly the first time something from it is needed. Code is process-global, so this is too.
/// </summary>
public static class GrainManifest
{
    private static readonly object Gate = new();
    private static readonly HashSet<Assembly> LoadedAssemblies = [];
    private static readonly ConcurrentDictionary<Type, GrainInterfaceDescriptor> InterfacesByType = new();
    private static readonly ConcurrentDictionary<string, GrainInterfaceDescriptor> InterfacesByAlias = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<Type, GrainClassDescriptor> ClassesByType = new();
    private static readonly ConcurrentDictionary<string, GrainClassDescriptor> ClassesByGrainType = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<(Type, string?), GrainClassDescriptor> Resolved = new();

    /// <summary>Loads the generated manifest of <paramref name="assembly"/> (idempotent).</summary>
    public static void AddAssembly(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        lock (Gate)
        {
            if (!LoadedAssemblies.Add(assembly))
            {
                return;
            }

            foreach (var attribute in assembly.GetCustomAttributes<GrainManifestProviderAttribute>())
            {
                var provider = (IGrainManifestProvider)Activator.CreateInstance(attribute.ProviderType)!;
                var builder = new GrainManifestBuilder();
                provider.Populate(builder);
                foreach (var descriptor in builder.Interfaces)
                {
                    InterfacesByType[descriptor.InterfaceType] = descriptor;
                    if (InterfacesByAlias.TryGetValue(descriptor.Alias, out var existing) && existing.InterfaceType != descriptor.InterfaceType)
                    {
                        throw new InvalidOperationException(
                            $"Grain interfaces {existing.InterfaceType.FullName} and {descriptor.InterfaceType.FullName} share the alias '{descriptor.Alias}'.");
                    }

                    InterfacesByAlias[descriptor.Alias] = descriptor;
                }

                foreach (var (classType, interfaces) in builder.Classes)
                {
                    var descriptor = new GrainClassDescriptor(classType, interfaces);
                    if (ClassesByGrainType.TryGetValue(descriptor.GrainType, out var existing) && existing.ClassType != classType)
                    {
                        throw new InvalidOperationException(
                            $"Grain classes {existing.ClassType.FullName} and {classType.FullName} both have the grain type '{descriptor.GrainType}'; pin one with [GrainType(\"...\")].");
                    }

                    ClassesByType[classType] = descriptor;
                    ClassesByGrainType[descriptor.GrainType] = descriptor;
                }
            }
        }
    }

    /// <summary>Loads every assembly already in the process and those the entry assembly references.</summary>
    public static void AddLoadedAssemblies()
    {
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            if (!assembly.IsDynamic)
            {
                AddAssembly(assembly);
            }
        }

        var entry = Assembly.GetEntryAssembly();
        if (entry is not null)
        {
            foreach (var name in entry.GetReferencedAssemblies())
            {
                try
                {
                    AddAssembly(Assembly.Load(name));
                }
                catch (FileNotFoundException)
                {
                    // a reference that is not deployed cannot hold grains we need
                }
            }
        }
    }

    public static GrainInterfaceDescriptor InterfaceOf(Type interfaceType)
    {
        ArgumentNullException.ThrowIfNull(interfaceType);
        if (InterfacesByType.TryGetValue(interfaceType, out var descriptor))
        {
            return descriptor;
        }

        AddAssembly(interfaceType.Assembly);
        return InterfacesByType.TryGetValue(interfaceType, out descriptor)
            ? descriptor
            : throw new InvalidOperationException(
                $"{interfaceType.FullName} is not a grain interface known to the runtime (is the ControlPlane.Runtime source generator running for its project?).");
    }

    public static GrainInterfaceDescriptor? FindInterface(string alias) => InterfacesByAlias.GetValueOrDefault(alias);

    public static GrainClassDescriptor? FindClass(string grainType) => ClassesByGrainType.GetValueOrDefault(grainType);

    public static GrainClassDescriptor? FindClass(Type classType)
    {
        if (!ClassesByType.ContainsKey(classType))
        {
            AddAssembly(classType.Assembly);
        }

        return ClassesByType.GetValueOrDefault(classType);
    }

    public static IReadOnlyCollection<GrainClassDescriptor> Classes => ClassesByType.Values.ToArray();

    /// <summary>The one grain class implementing <paramref name="interfaceType"/> (optionally narrowed by a class-name prefix).</summary>
    public static GrainClassDescriptor ResolveClass(Type interfaceType, string? grainClassNamePrefix)
    {
        if (Resolved.TryGetValue((interfaceType, grainClassNamePrefix), out var cached))
        {
            return cached;
        }

        InterfaceOf(interfaceType);
        var candidates = Candidates(interfaceType, grainClassNamePrefix);
        if (candidates.Count == 0)
        {
            AddLoadedAssemblies(); // the implementing class may live in an assembly nothing has loaded yet
            candidates = Candidates(interfaceType, grainClassNamePrefix);
        }

        var chosen = candidates.Count switch
        {
            1 => candidates[0],
            0 => throw new InvalidOperationException($"No grain class implements {interfaceType.FullName}" + (grainClassNamePrefix is null ? "." : $" with the prefix '{grainClassNamePrefix}'.")),
            _ => throw new InvalidOperationException(
                $"Several grain classes implement {interfaceType.FullName} ({string.Join(", ", candidates.Select(c => c.ClassType.FullName))}); pass grainClassNamePrefix."),
        };
        Resolved[(interfaceType, grainClassNamePrefix)] = chosen;
        return chosen;
    }

    private static List<GrainClassDescriptor> Candidates(Type interfaceType, string? grainClassNamePrefix) =>
        ClassesByType.Values
            .Where(c => c.Interfaces.Contains(interfaceType))
            .Where(c => grainClassNamePrefix is null || (c.ClassType.FullName ?? c.ClassType.Name).StartsWith(grainClassNamePrefix, StringComparison.Ordinal))
            .ToList();
}
