using System.Collections.Concurrent;
using System.Reflection;
using ControlPlane.Runtime.Manifest;
using ControlPlane.Runtime.Persistence;
using ControlPlane.Runtime.Serialization;
using Microsoft.Extensions.DependencyInjection;

namespace ControlPlane.Runtime.Activation;

/// <summary>
/// Creates grain instances: picks the public constructor once per class and fills each parameter from the
/// activation (IGrainContext), from [PersistentState] (a state record bound to its storage), or from DI.
/// </summary>
internal sealed class GrainActivator(GrainSerializer serializer)
{
    private readonly ConcurrentDictionary<Type, ConstructorPlan> _plans = new();

    public (object Instance, List<IActivationStateLoader> States) CreateInstance(IGrainContext context, GrainClassDescriptor grainClass, IServiceProvider services)
    {
        var plan = _plans.GetOrAdd(grainClass.ClassType, static type => ConstructorPlan.For(type));
        var states = new List<IActivationStateLoader>();
        var args = new object?[plan.Parameters.Length];
        for (var i = 0; i < args.Length; i++)
        {
            var parameter = plan.Parameters[i];
            if (parameter.ParameterType == typeof(IGrainContext))
            {
                args[i] = context;
            }
            else if (parameter.GetCustomAttribute<PersistentStateAttribute>() is { } stateAttribute)
            {
                var state = CreateState(parameter, stateAttribute, context, services);
                states.Add(state);
                args[i] = state;
            }
            else
            {
                args[i] = services.GetService(parameter.ParameterType)
                    ?? (parameter.HasDefaultValue
                        ? parameter.DefaultValue
                        : throw new InvalidOperationException(
                            $"Cannot create {grainClass.ClassType.Name}: no service of type {parameter.ParameterType.Name} for constructor parameter '{parameter.Name}'."));
            }
        }

        try
        {
            return (plan.Constructor.Invoke(args), states);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }
    }

    private IActivationStateLoader CreateState(ParameterInfo parameter, PersistentStateAttribute attribute, IGrainContext context, IServiceProvider services)
    {
        var type = parameter.ParameterType;
        if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(IPersistentState<>))
        {
            throw new InvalidOperationException($"[PersistentState] parameter '{parameter.Name}' must be IPersistentState<T>, not {type.Name}.");
        }

        var storageName = attribute.StorageName ?? GrainStorageNames.Default;
        var storage = services.GetKeyedService<IGrainStorage>(storageName)
            ?? throw new InvalidOperationException(
                $"No grain storage named '{storageName}' is configured (needed by state '{attribute.StateName}'); add one with AddMemoryGrainStorage(\"{storageName}\") or a database-backed store.");
        var stateType = typeof(PersistentState<>).MakeGenericType(type.GetGenericArguments()[0]);
        var key = new GrainStateKey(context.GrainId, attribute.StateName);
        return (IActivationStateLoader)Activator.CreateInstance(stateType, key, storage, serializer, context)!;
    }

    private sealed record ConstructorPlan(ConstructorInfo Constructor, ParameterInfo[] Parameters)
    {
        public static ConstructorPlan For(Type type)
        {
            var constructor = type.GetConstructors(BindingFlags.Public | BindingFlags.Instance)
                .OrderByDescending(c => c.GetParameters().Length)
                .FirstOrDefault()
                ?? throw new InvalidOperationException($"Grain class {type.FullName} has no public constructor.");
            return new ConstructorPlan(constructor, constructor.GetParameters());
        }
    }
}
