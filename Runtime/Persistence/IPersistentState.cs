namespace ControlPlane.Runtime;

/// <summary>
/// One named state record of a grain, loaded before OnActivateAsync. Changes to <see cref="State"/> stay in
/// memory until <see cref="WriteStateAsync"/> completes; every write is conditional on <see cref="Etag"/>.
/// </summary>
public interface IPersistentState<TState>
{
    TState State { get; set; }

    /// <summary>The version the last read or write saw; null when no record exists.</summary>
    string? Etag { get; }

    bool RecordExists { get; }

    Task ReadStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Writes State if the stored record still has <see cref="Etag"/>; otherwise throws <see cref="InconsistentStateException"/> and changes nothing.</summary>
    Task WriteStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes the record if it still has <see cref="Etag"/>, and resets State to its default.</summary>
    Task ClearStateAsync(CancellationToken cancellationToken = default);
}

/// <summary>Marks a grain constructor parameter of type <see cref="IPersistentState{TState}"/>: the state's name and its storage provider.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class PersistentStateAttribute(string stateName, string? storageName = null) : Attribute
{
    public string StateName { get; } = stateName;

    /// <summary>The storage provider's name; null means <see cref="GrainStorageNames.Default"/>.</summary>
    public string? StorageName { get; } = storageName;
}

/// <summary>Well-known storage provider names.</summary>
public static class GrainStorageNames
{
    public const string Default = "Default";
}

/// <summary>A write or clear was based on a stale ETag (someone else wrote first, or this activation was fenced off).</summary>
public sealed class InconsistentStateException : Exception
{
    public InconsistentStateException(string message, string? storedEtag, string? currentEtag)
        : base(message)
    {
        StoredEtag = storedEtag;
        CurrentEtag = currentEtag;
    }

    /// <summary>The version in storage, when known.</summary>
    public string? StoredEtag { get; }

    /// <summary>The version the writer believed current.</summary>
    public string? CurrentEtag { get; }
}
