using ControlPlane.Runtime.Serialization;

namespace ControlPlane.Runtime.Persistence;

/// <summary>Loads before activation; the runtime calls <see cref="ReadStateAsync"/> from the activation sequence.</summary>
internal interface IActivationStateLoader
{
    Task ReadStateAsync(CancellationToken cancellationToken);
}

/// <summary>An <see cref="IPersistentState{TState}"/> over an <see cref="IGrainStorage"/>, serialized as JSON by the runtime.</summary>
internal sealed class PersistentState<TState> : IPersistentState<TState>, IActivationStateLoader
{
    private readonly GrainStateKey _key;
    private readonly IGrainStorage _storage;
    private readonly GrainSerializer _serializer;
    private readonly IGrainContext _context;

    public PersistentState(GrainStateKey key, IGrainStorage storage, GrainSerializer serializer, IGrainContext context)
    {
        _key = key;
        _storage = storage;
        _serializer = serializer;
        _context = context;
        State = CreateDefault();
    }

    public TState State { get; set; }

    public string? Etag { get; private set; }

    public bool RecordExists { get; private set; }

    public async Task ReadStateAsync(CancellationToken cancellationToken = default)
    {
        var record = await _storage.ReadAsync(_key, cancellationToken);
        if (record is null)
        {
            State = CreateDefault();
            Etag = null;
            RecordExists = false;
            return;
        }

        State = _serializer.Deserialize<TState>(record.Payload.Span) ?? CreateDefault();
        Etag = record.Etag;
        RecordExists = true;
    }

    public async Task WriteStateAsync(CancellationToken cancellationToken = default)
    {
        var payload = _serializer.Serialize(State, typeof(TState));
        Etag = await _storage.WriteAsync(_key, payload, Etag, _context.FencingToken, cancellationToken);
        RecordExists = true;
    }

    public async Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        await _storage.ClearAsync(_key, Etag, _context.FencingToken, cancellationToken);
        Etag = null;
        RecordExists = false;
        State = CreateDefault();
    }

    private static TState CreateDefault()
    {
        var type = typeof(TState);
        if (type.IsValueType || type == typeof(string) || type.GetConstructor(Type.EmptyTypes) is null)
        {
            return default!;
        }

        return Activator.CreateInstance<TState>();
    }

    public override string ToString() => $"{_key} (etag {Etag ?? "none"})";
}
