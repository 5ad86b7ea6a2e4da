namespace ControlPlane.Grains.Instances.Sagas;

/// <summary>
/// Decides a saga's next action from what its log records, and the log after each outcome (pure). Going forward it
/// runs the steps in order; once a step fails (or a saga that unwinds when interrupted is found half done) it runs the
/// undos in reverse, starting with the failed or interrupted step's own, since that step may have had its effect
/// before failing (a write that committed unseen, a call whose answer was lost). Undos are idempotent, so an undo of
/// something that never happened is harmless.
/// </summary>
public static class SagaLog
{
    public static SagaAction Next(InstanceSaga saga)
    {
        ArgumentNullException.ThrowIfNull(saga);
        var steps = saga.Definition.Steps;
        if (saga.Phase == SagaPhase.Forward)
        {
            return saga.Cursor >= steps.Count ? new SagaAction.Finished() : new SagaAction.Do(steps[saga.Cursor].Step, saga.Cursor);
        }

        for (var index = Math.Min(saga.Cursor, steps.Count - 1); index >= 0; index--)
        {
            if (steps[index].HasUndo)
            {
                return new SagaAction.Undo(steps[index].Step, index);
            }
        }

        return new SagaAction.Unwound(saga.FailureReason ?? "unwound");
    }

    /// <summary>The step at the cursor succeeded; a step that chose a sled records it.</summary>
    public static InstanceSaga Succeeded(InstanceSaga saga, Guid? sledId = null)
    {
        ArgumentNullException.ThrowIfNull(saga);
        Require(saga, SagaPhase.Forward);
        return saga with { Cursor = saga.Cursor + 1, SledId = sledId ?? saga.SledId };
    }

    /// <summary>The step at the cursor failed: unwind from it.</summary>
    public static InstanceSaga Failed(InstanceSaga saga, string reason)
    {
        ArgumentNullException.ThrowIfNull(saga);
        if (saga.Phase == SagaPhase.Unwinding)
        {
            return saga; // an undo that failed is run again, not unwound twice
        }

        return saga with { Phase = SagaPhase.Unwinding, Cursor = Math.Min(saga.Cursor, saga.Definition.Steps.Count - 1), FailureReason = reason };
    }

    /// <summary>The undo of step <paramref name="index"/> ran: the next undo owed is below it.</summary>
    public static InstanceSaga Undone(InstanceSaga saga, int index)
    {
        ArgumentNullException.ThrowIfNull(saga);
        Require(saga, SagaPhase.Unwinding);
        return saga with { Cursor = index - 1 };
    }

    /// <summary>
    /// A saga found in the record when no turn is running it: the activation that ran it died or gave up. Start and
    /// migrate unwind from the step that was in flight; stop and delete carry on (the in-flight step runs again).
    /// </summary>
    public static InstanceSaga Interrupted(InstanceSaga saga)
    {
        ArgumentNullException.ThrowIfNull(saga);
        return saga.Phase == SagaPhase.Forward && saga.Definition.UnwindWhenInterrupted
            ? Failed(saga, $"the {saga.Kind.ToString().ToLowerInvariant()} was interrupted before it finished")
            : saga;
    }

    private static void Require(InstanceSaga saga, SagaPhase phase)
    {
        if (saga.Phase != phase)
        {
            throw new InvalidOperationException($"The {saga.Kind} saga is {saga.Phase}, not {phase}.");
        }
    }
}
