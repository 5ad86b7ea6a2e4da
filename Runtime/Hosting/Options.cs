namespace ControlPlane.Runtime.Hosting;

/// <summary>Identity of the silo and of the cluster it belongs to.</summary>
public sealed class SiloOptions
{
    /// <summary>Silos and clients with different cluster ids refuse each other.</summary>
    public string ClusterId { get; set; } = "dev";

    /// <summary>Scopes durable data (grain state) so that several deployments can share a database.</summary>
    public string ServiceId { get; set; } = "controlplane";

    public string SiloName { get; set; } = "silo-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Call timeouts.</summary>
public sealed class MessagingOptions
{
    /// <summary>How long a caller waits for a response before it gets a <see cref="TimeoutException"/> (Orleans: 30 s).</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>Activation lifetime: idle collection and activation/deactivation timeouts (Orleans defaults).</summary>
public sealed class GrainCollectionOptions
{
    /// <summary>An activation idle this long is deactivated (Orleans: 15 min).</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often idle activations are looked for (Orleans: 1 min).</summary>
    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Per grain type (the GrainId type name) or class full name overrides of <see cref="CollectionAge"/>.</summary>
    public Dictionary<string, TimeSpan> ClassSpecificCollectionAge { get; } = new(StringComparer.Ordinal);

    public TimeSpan ActivationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan DeactivationTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
