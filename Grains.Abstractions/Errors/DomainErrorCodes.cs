namespace ControlPlane.Grains.Abstractions.Errors;

/// <summary>
/// The stable codes of the grains' typed errors (<see cref="DomainException.Code"/>, the <c>reason</c> of a problem
/// document), one constant each: renaming an exception type never changes its code.
/// </summary>
public static class DomainErrorCodes
{
    public const string InstanceNotFound = "instance_not_found";

    public const string InstanceUnreachable = "instance_unreachable";

    public const string InsufficientCapacity = "insufficient_capacity";

    public const string InvalidRequest = "invalid_request";

    public const string InvalidSpec = "invalid_spec";

    public const string InvalidStateTransition = "invalid_state_transition";

    public const string NoSuchInstance = "no_such_instance";

    public const string ObjectAlreadyExists = "object_already_exists";

    public const string SledNotFound = "sled_not_found";

    public const string SledUnreachable = "sled_unreachable";

    public const string VmmRequestRefused = "vmm_request_refused";
}
