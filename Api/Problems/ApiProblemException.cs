namespace ControlPlane.Api.Problems;

/// <summary>Thrown by handlers and body readers to answer with <see cref="Problem"/>; the exception middleware writes it.</summary>
public sealed class ApiProblemException(ApiProblem problem) : Exception(problem?.Detail ?? problem?.ErrorCode)
{
    public ApiProblem Problem { get; } = problem ?? throw new ArgumentNullException(nameof(problem));
}
