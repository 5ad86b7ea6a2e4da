namespace ControlPlane.Runtime;

/// <summary>Reads the typed key back from a grain reference or a grain instance.</summary>
public static class GrainKeyExtensions
{
    public static GrainId GetGrainId(this IAddressable addressable) => addressable switch
    {
        GrainReference reference => reference.GrainId,
        IGrainBase grain => grain.GrainContext.GrainId,
        _ => throw new ArgumentException($"{addressable?.GetType().Name ?? "null"} is neither a grain reference nor a grain.", nameof(addressable)),
    };

    public static Guid GetPrimaryKey(this IAddressable addressable) =>
        GrainKeyFormat.ToGuid(addressable.GetGrainId().Key, out _);

    public static Guid GetPrimaryKey(this IAddressable addressable, out string? keyExtension) =>
        GrainKeyFormat.ToGuid(addressable.GetGrainId().Key, out keyExtension);

    public static long GetPrimaryKeyLong(this IAddressable addressable) =>
        GrainKeyFormat.ToInteger(addressable.GetGrainId().Key, out _);

    public static long GetPrimaryKeyLong(this IAddressable addressable, out string? keyExtension) =>
        GrainKeyFormat.ToInteger(addressable.GetGrainId().Key, out keyExtension);

    public static string GetPrimaryKeyString(this IAddressable addressable) => addressable.GetGrainId().Key;
}
