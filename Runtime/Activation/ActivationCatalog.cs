using System.Collections.Concurrent;
using ControlPlane.Runtime.Hosting;
using ControlPlane.Runtime.Manifest;
using ControlPlane.Runtime.Messaging;

namespace ControlPlane.Runtime.Activation;

/// <summary>
/// The silo's activations by grain id. Delivering a request to a grain with no activation creates one
/// (activation on first call); an activation that has gone Invalid is replaced, never revived.
/// </summary>
internal sealed class ActivationCatalog(Silo silo)
{
    private readonly ConcurrentDictionary<GrainId, IActivationTarget> _targets = new();

    public int Count => _targets.Count;

    public IEnumerable<ActivationData> Activations => _targets.Values.SelectMany(t => t.Activations);

    public IActivationTarget? Find(GrainId grainId) => _targets.GetValueOrDefault(grainId);

    /// <summary>Queues a request on the grain's activation, creating it if needed.</summary>
    public void Deliver(Message message)
    {
        var grainClass = GrainManifest.FindClass(message.Target.Type);
        if (grainClass is null)
        {
            silo.SendResponse(message, Response.Rejected(new GrainCallRejectedException(
                $"Grain type '{message.Target.Type}' is not hosted by silo {silo.Name}.")));
            return;
        }

        while (true)
        {
            var target = _targets.GetOrAdd(message.Target, static (id, state) => state.Self.Create(id, state.Class), (Self: this, Class: grainClass));
            if (target.TryEnqueue(message))
            {
                return;
            }

            _targets.TryRemove(KeyValuePair.Create(message.Target, target));
        }
    }

    public void Cancel(GrainId target, long correlationId)
    {
        if (_targets.TryGetValue(target, out var found))
        {
            foreach (var activation in found.Activations)
            {
                activation.Cancel(correlationId);
            }
        }
    }

    private IActivationTarget Create(GrainId grainId, GrainClassDescriptor grainClass) =>
        grainClass.IsStatelessWorker
            ? new StatelessWorkerPool(grainId, grainClass, silo, pool => _targets.TryRemove(KeyValuePair.Create(grainId, (IActivationTarget)pool)))
            : new ActivationData(grainId, grainClass, silo, activation => _targets.TryRemove(KeyValuePair.Create(grainId, (IActivationTarget)activation)));
}
