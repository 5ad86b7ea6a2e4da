using ControlPlane.Grains.Abstractions.Specs;

namespace ControlPlane.Grains.Specs;

/// <summary>The outcome of turning untrusted input into a <see cref="Spec"/>: the spec, or every error found (never both, never neither).</summary>
public abstract record SpecParseResult
{
    private protected SpecParseResult()
    {
    }

    /// <summary>The input is a valid spec.</summary>
    public sealed record Accepted(Spec Spec) : SpecParseResult;

    /// <summary>The input is not a valid spec; <see cref="Errors"/> is never empty and lists errors in precedence order.</summary>
    public sealed record Rejected : SpecParseResult
    {
        public Rejected(IEnumerable<SpecError> errors)
        {
            Errors = ValueList.From(errors);
            if (Errors.Count == 0)
            {
                throw new ArgumentException("a rejection needs at least one error", nameof(errors));
            }
        }

        public ValueList<SpecError> Errors { get; }
    }

    /// <summary>Rejected with one error.</summary>
    public static SpecParseResult Reject(SpecError error) => new Rejected([error]);
}
