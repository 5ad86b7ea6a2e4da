namespace ControlPlane.Grains.Instances;

/// <summary>What a lifecycle operation should do given the instance's current state.</summary>
public enum InstanceCommandAction
{
    /// <summary>Run the operation.</summary>
    Proceed,

    /// <summary>Already in (or heading to) the requested state: succeed without doing anything.</summary>
    AlreadyDone,

    /// <summary>No VMM to act on, but the record alone can move (stop of a failed instance: write no_vmm).</summary>
    RecordOnly,

    /// <summary>Refused: not allowed in this state (409).</summary>
    Conflict,

    /// <summary>Refused: cannot ever work as asked (400).</summary>
    Invalid,

    /// <summary>The instance does not exist (404).</summary>
    NotFound,
}

/// <summary>A decision with the reason shown to the user when refused.</summary>
public sealed record InstanceCommandDecision(InstanceCommandAction Action, string? Detail = null);
