namespace JinaClip.Planning;

/// <summary>
/// One request's worth of a call's inputs, already checked: consecutive inputs starting at <see cref="Start"/> in the
/// call, with their token estimate summed once at planning time.
/// </summary>
internal sealed class Batch
{
    public Batch(int start, ReadOnlyMemory<EmbeddingInput> inputs, long estimatedTokens)
    {
        Start = start;
        Inputs = inputs;
        EstimatedTokens = estimatedTokens;
    }

    /// <summary>Gets the position in the call of the batch's first input.</summary>
    public int Start { get; }

    public ReadOnlyMemory<EmbeddingInput> Inputs { get; }

    /// <summary>Gets the quick token estimate of the batch (it feeds the tokens-per-minute limiter).</summary>
    public long EstimatedTokens { get; }

    public InputRange Range => new(Start, Inputs.Length);
}
