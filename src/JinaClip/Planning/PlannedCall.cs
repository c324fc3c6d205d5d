namespace JinaClip.Planning;

/// <summary>A list call after planning: every input checked, estimated once and assigned to a batch.</summary>
internal sealed class PlannedCall
{
    public PlannedCall(CallPlan plan, int inputCount, IReadOnlyList<Batch> batches, long estimatedTokens, InputFailureLog failures)
    {
        Failures = failures;
        Plan = plan;
        InputCount = inputCount;
        Batches = batches;
        EstimatedTokens = estimatedTokens;
    }

    public CallPlan Plan { get; }

    public int InputCount { get; }

    public IReadOnlyList<Batch> Batches { get; }

    public long EstimatedTokens { get; }

    /// <summary>Gets the inputs left out (with <see cref="CallPlan.SkipBadInputs"/>): at planning, and later by preparation and the server.</summary>
    public InputFailureLog Failures { get; }
}
