using JinaClip.Engine;
using JinaClip.Pipeline;
using JinaClip.Planning;

namespace JinaClip.Embed;

/// <summary>What one embeddings call's batches share while they run: retries and usage so far, and the batches started.</summary>
internal sealed class BatchRun : EngineRun
{
    public RetryCounter Retries { get; } = new();

    public UsageTotals Usage { get; } = new();

    /// <summary>Gets or sets where inputs left out by <see cref="EmbeddingOptions.SkipBadInputs"/> are logged (the call's planning log).</summary>
    public InputFailureLog Failures { get; init; } = new();

    /// <summary>Gets or sets the call's operation span, the parent of every attempt span (<see langword="default"/>: <see cref="System.Diagnostics.Activity.Current"/>).</summary>
    public System.Diagnostics.ActivityContext TraceParent { get; set; }
}
