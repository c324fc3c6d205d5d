namespace JinaClip.Planning;

/// <summary>A list call after planning: every input checked, estimated once and assigned to a batch.</summary>
internal sealed class PlannedCall
{
    public PlannedCall(CallPlan plan, int inputCount, IReadOnlyList<Batch> batches, long estimatedTokens)
    {
        Plan = plan;
        InputCount = inputCount;
        Batches = batches;
        EstimatedTokens = estimatedTokens;
    }

    public CallPlan Plan { get; }

    public int InputCount { get; }

    public IReadOnlyList<Batch> Batches { get; }

    public long EstimatedTokens { get; }
}
