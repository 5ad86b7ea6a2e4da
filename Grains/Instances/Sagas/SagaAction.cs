namespace ControlPlane.Grains.Instances.Sagas;

/// <summary>What the saga log says to do next.</summary>
public abstract record SagaAction
{
    private SagaAction()
    {
    }

    /// <summary>Run step <paramref name="Index"/> forward.</summary>
    public sealed record Do(SagaStep Step, int Index) : SagaAction;

    /// <summary>Run the undo of step <paramref name="Index"/>.</summary>
    public sealed record Undo(SagaStep Step, int Index) : SagaAction;

    /// <summary>Every step succeeded: clear the saga.</summary>
    public sealed record Finished : SagaAction;

    /// <summary>Every undo ran: clear the saga and report its failure.</summary>
    public sealed record Unwound(string Reason) : SagaAction;
}
