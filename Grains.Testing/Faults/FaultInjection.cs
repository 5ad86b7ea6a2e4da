using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Providers;
using Orleans.Storage;

namespace ControlPlane.Grains.Testing.Faults;

/// <summary>
/// Puts <see cref="FaultInjectingGrainStorage"/> around the silo's default grain storage and adds
/// <see cref="GrainCallFaultFilter"/>; tests reach <see cref="StorageFaults"/> and <see cref="GrainCallFaults"/>
/// through the silo's services. With no rule set, nothing fails.
/// </summary>
public static class FaultInjection
{
    public static IServiceCollection AddFaultInjection(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<StorageFaults>();
        services.AddSingleton<GrainCallFaults>();
        services.AddSingleton<IIncomingGrainCallFilter, GrainCallFaultFilter>();
        var real = services.LastOrDefault(d => d.ServiceType == typeof(IGrainStorage) && d.IsKeyedService && Equals(d.ServiceKey, ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME))
            ?? throw new InvalidOperationException("Fault injection needs the default grain storage to be registered first.");
        services.Remove(real);
        services.AddKeyedSingleton<IGrainStorage>(real.ServiceKey, (sp, key) => new FaultInjectingGrainStorage(Create(real, sp, key), sp.GetRequiredService<StorageFaults>()));
        return services;
    }

    private static IGrainStorage Create(ServiceDescriptor real, IServiceProvider services, object? key) => (IGrainStorage)(
        real.KeyedImplementationFactory?.Invoke(services, key)
        ?? real.KeyedImplementationInstance
        ?? ActivatorUtilities.CreateInstance(services, real.KeyedImplementationType!));
}
