namespace JinaClip.Planning;

/// <summary>
/// The one rule that cuts a call into batches, used by list and stream calls alike: a batch ends before the input
/// that would take it past the input limit or the estimated token limit (a single input over the token limit still
/// gets a batch of its own).
/// </summary>
internal sealed class BatchCutter
{
    private readonly int _maxInputs;
    private readonly long _maxTokens;

    public BatchCutter(int maxInputs, long maxTokens)
    {
        _maxInputs = maxInputs;
        _maxTokens = maxTokens;
    }

    public int MaxInputs => _maxInputs;

    public long MaxTokens => _maxTokens;

    /// <summary>Whether an input costing <paramref name="cost"/> must start a new batch after one of
    /// <paramref name="count"/> inputs and <paramref name="tokens"/> estimated tokens.</summary>
    public bool StartsNewBatch(int count, long tokens, int cost) =>
        count > 0 && (count >= _maxInputs || tokens + cost > _maxTokens);
}
