namespace JinaClip.Engine;

/// <summary>
/// Raised by <see cref="RequestEngine"/> when a part failed: every part in flight was awaited, so the failures (in part
/// order) and the results completed but not yet handed out are all here. The front turns it into its public exception.
/// </summary>
/// <typeparam name="TPart">What one unit of work carried.</typeparam>
/// <typeparam name="TResult">What one unit of work returned.</typeparam>
internal sealed class EngineFailure<TPart, TResult> : Exception
{
    public EngineFailure(List<(TPart Part, Exception Error)> failures, List<TResult> unreported)
        : base(failures[0].Error.Message, failures[0].Error)
    {
        Failures = failures;
        Unreported = unreported;
    }

    /// <summary>Gets the parts that failed with their errors, in part order.</summary>
    public List<(TPart Part, Exception Error)> Failures { get; }

    /// <summary>Gets the results that completed but were not yet handed out when the failure was seen, in part order.</summary>
    public List<TResult> Unreported { get; }
}
