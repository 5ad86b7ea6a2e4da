using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace ControlPlane.Grains.Tests.Serialization;

/// <summary>Orleans' serializer and deep copier as a silo or client configures them (<c>AddSerializer</c>), built once.</summary>
internal static class OrleansWire
{
    private static readonly ServiceProvider Services = new ServiceCollection().AddSerializer().BuildServiceProvider();

    public static Serializer Serializer { get; } = Services.GetRequiredService<Serializer>();

    public static DeepCopier Copier { get; } = Services.GetRequiredService<DeepCopier>();

    public static T RoundTrip<T>(T value) => Serializer.Deserialize<T>(Serializer.SerializeToArray(value))!;

    /// <summary>Writes <paramref name="value"/> as <typeparamref name="TWritten"/> and reads the bytes as <typeparamref name="TRead"/>.</summary>
    public static TRead ReadAs<TWritten, TRead>(TWritten value) => Serializer.Deserialize<TRead>(Serializer.SerializeToArray(value))!;
}
