namespace ControlPlane.Api.Problems;

/// <summary>The names of the members every problem document carries beside RFC 9457's own.</summary>
public static class ProblemMembers
{
    /// <summary>The stable machine-readable code (<see cref="ErrorCodes"/>); Dropshot's <c>error_code</c>.</summary>
    public const string ErrorCode = "error_code";

    /// <summary>Dropshot's <c>request_id</c>: the same value as the <c>x-request-id</c> response header.</summary>
    public const string RequestId = "request_id";

    /// <summary>Dropshot's <c>message</c>: the human sentence.</summary>
    public const string Message = "message";
}
