using JinaClip.Pipeline;

namespace JinaClip.Batching;

/// <summary>What one call's batches share while they run: retries and usage so far, and how many batches were launched.</summary>
internal sealed class BatchRun
{
    public RetryCounter Retries { get; } = new();

    public UsageTotals Usage { get; } = new();

    /// <summary>Gets or sets the call's operation span, the parent of every attempt span (<see langword="default"/>: <see cref="System.Diagnostics.Activity.Current"/>).</summary>
    public System.Diagnostics.ActivityContext TraceParent { get; set; }

    /// <summary>Gets the number of batches handed to the pipeline, in the order the plan gave them.</summary>
    public int Launched { get; internal set; }
}
