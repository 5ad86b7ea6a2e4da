using ControlPlane.Runtime.Hosting;
using ControlPlane.Runtime.Manifest;
using ControlPlane.Runtime.Messaging;

namespace ControlPlane.Runtime.Activation;

/// <summary>
/// The local activations of one stateless-worker key: an idle worker takes the request, else a new one is
/// added up to the class's maximum, else the least loaded queues it. Never registered in any directory.
/// </summary>
internal sealed class StatelessWorkerPool : IActivationTarget
{
    private readonly object _lock = new();
    private readonly List<ActivationData> _workers = [];
    private readonly GrainId _grainId;
    private readonly GrainClassDescriptor _grainClass;
    private readonly Silo _silo;
    private readonly Action<StatelessWorkerPool> _onEmpty;
    private bool _closed;

    public StatelessWorkerPool(GrainId grainId, GrainClassDescriptor grainClass, Silo silo, Action<StatelessWorkerPool> onEmpty)
    {
        _grainId = grainId;
        _grainClass = grainClass;
        _silo = silo;
        _onEmpty = onEmpty;
    }

    public int MaxWorkers => _grainClass.StatelessWorker!.MaxLocalWorkers;

    public IReadOnlyList<ActivationData> Workers
    {
        get
        {
            lock (_lock)
            {
                return [.. _workers];
            }
        }
    }

    public bool TryEnqueue(Message message)
    {
        while (true)
        {
            ActivationData worker;
            lock (_lock)
            {
                if (_closed)
                {
                    return false;
                }

                worker = Choose();
            }

            if (worker.TryEnqueue(message))
            {
                return true;
            }

            Remove(worker);
        }
    }

    /// <summary>Caller holds the lock.</summary>
    private ActivationData Choose()
    {
        ActivationData? leastLoaded = null;
        var leastLoad = int.MaxValue;
        foreach (var worker in _workers)
        {
            var load = worker.Load;
            if (load == 0 && worker.State is ActivationState.Valid or ActivationState.Activating or ActivationState.Created)
            {
                return worker;
            }

            if (load < leastLoad && worker.State != ActivationState.Invalid)
            {
                leastLoad = load;
                leastLoaded = worker;
            }
        }

        if (_workers.Count < MaxWorkers || leastLoaded is null)
        {
            var created = new ActivationData(_grainId, _grainClass, _silo, Remove);
            _workers.Add(created);
            return created;
        }

        return leastLoaded;
    }

    private void Remove(ActivationData worker)
    {
        bool empty;
        lock (_lock)
        {
            _workers.Remove(worker);
            empty = _workers.Count == 0 && !_closed;
            if (empty)
            {
                _closed = true;
            }
        }

        if (empty)
        {
            _onEmpty(this);
        }
    }

    public IEnumerable<ActivationData> Activations => Workers;
}
