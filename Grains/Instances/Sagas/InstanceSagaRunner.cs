using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Grains.Instances.Sagas;

/// <summary>
/// Drives the saga recorded in an instance record: asks <see cref="SagaLog"/> for the next action, runs it with
/// <see cref="InstanceStepExecutor"/>, and saves its outcome with its record effect (<see cref="SagaRecordEffects"/>) in
/// one write, until the saga has finished or unwound. The grain supplies its record and its write.
/// </summary>
internal sealed class InstanceSagaRunner(
    Guid instanceId,
    Func<InstanceRecord> current,
    Func<InstanceRecord, Task> save,
    InstanceStepExecutor steps,
    IEnumerable<ISagaStepObserver> observers,
    ILogger logger)
{
    /// <summary>
    /// Runs the recorded saga to its end; after a failed step, the undos in reverse, and then the failure is rethrown.
    /// An undo that fails throws and leaves the saga recorded (unwinding) for <see cref="Recover"/>. True when a VMM state
    /// a step applied needs an instance update.
    /// </summary>
    public async Task<bool> Run()
    {
        Exception? failure = null;
        var updateNeeded = false;
        while (current().Saga is { } saga)
        {
            switch (SagaLog.Next(saga))
            {
                case SagaAction.Do step:
                    try
                    {
                        var outcome = await steps.Do(step.Step, saga, current());
                        updateNeeded |= outcome.InstanceUpdateNeeded;
                        await save(SagaRecordEffects.Forward(current(), saga, step.Step) with { Saga = Settle(SagaLog.Succeeded(saga, outcome.SledId)) });
                        Observe(saga.Kind, step.Step, SagaPhase.Forward);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        failure = ex;
                        logger.LogWarning("Instance {InstanceId}: {Saga} step {Step} failed ({Error}); unwinding", instanceId, saga.Kind, step.Step, ex.Message);
                        await save(current() with { Saga = Settle(SagaLog.Failed(saga, $"{step.Step}: {ex.Message}")) });
                    }

                    break;
                case SagaAction.Undo undo:
                    await steps.Undo(undo.Step, saga);
                    await save(SagaRecordEffects.Backward(current(), saga, undo.Step) with { Saga = Settle(SagaLog.Undone(saga, undo.Index)) });
                    Observe(saga.Kind, undo.Step, SagaPhase.Unwinding);
                    break;
                default:
                    await save(current() with { Saga = Settle(saga) });
                    break;
            }
        }

        if (failure is not null)
        {
            ExceptionDispatchInfo.Throw(failure);
        }

        return updateNeeded;
    }

    /// <summary>The log to write: none once the saga has finished or unwound (cleared in the same write as its last outcome).</summary>
    private InstanceSaga? Settle(InstanceSaga saga)
    {
        switch (SagaLog.Next(saga))
        {
            case SagaAction.Finished:
                return null;
            case SagaAction.Unwound unwound:
                logger.LogInformation("Instance {InstanceId}: {Saga} unwound: {Reason}", instanceId, saga.Kind, unwound.Reason);
                return null;
            default:
                return saga;
        }
    }

    /// <summary>Runs the VMM releases an instance-update recorded (each idempotent), then clears them.</summary>
    public async Task RunReleases()
    {
        if (current().Releasing is { Count: > 0 } releasing)
        {
            await steps.Release(releasing);
            await save(current() with { Releasing = [] });
        }
    }

    /// <summary>
    /// Releases an instance-update recorded and not run, then a saga found recorded when no turn runs it (the activation that ran it died, or an undo failed): start
    /// and migrate unwind, stop and delete go on (<see cref="SagaLog.Interrupted"/>). A resumed step's failure is
    /// logged, not thrown (nobody waits for it); a failed undo throws, the saga still recorded.
    /// </summary>
    public async Task Recover()
    {
        await RunReleases();
        if (current().Saga is not { } saga)
        {
            return;
        }

        logger.LogWarning("Instance {InstanceId}: the {Saga} saga was interrupted at step {Cursor} ({Phase}); recovering it", instanceId, saga.Kind, saga.Cursor, saga.Phase);
        await save(current() with { Saga = SagaLog.Interrupted(saga) });
        try
        {
            await Run();
        }
        catch (Exception ex) when (ex is not OperationCanceledException && current().Saga is null)
        {
            logger.LogWarning("Instance {InstanceId}: the resumed {Saga} saga failed and was unwound ({Error})", instanceId, saga.Kind, ex.Message);
        }
    }

    /// <summary><see cref="Recover"/>, false (logged) when it failed and must be tried again.</summary>
    public async Task<bool> TryRecover()
    {
        try
        {
            await Recover();
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("Instance {InstanceId}: recovery failed ({Error}); retrying", instanceId, ex.Message);
            return false;
        }
    }

    private void Observe(SagaKind kind, SagaStep step, SagaPhase phase)
    {
        foreach (var observer in observers)
        {
            observer.Recorded(instanceId, kind, step, phase);
        }
    }
}
