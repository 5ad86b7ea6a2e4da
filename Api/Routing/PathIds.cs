using ControlPlane.Api.Problems;

namespace ControlPlane.Api.Routing;

/// <summary>Parses identifiers from the path: a UUID, or a 400 <c>invalid_id</c> problem naming the parameter.</summary>
public static class PathIds
{
    public static Guid Parse(string value, string parameter)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Guid.TryParseExact(value, "D", out var id) ? id : throw new ApiProblemException(ApiProblem.InvalidId(parameter, value));
    }
}
