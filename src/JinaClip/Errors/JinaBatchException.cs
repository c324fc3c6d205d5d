namespace JinaClip;

/// <summary>
/// A call split into several requests failed part-way: some batches still failed after their retries. The embeddings
/// that did complete are kept in <see cref="CompletedEmbeddings"/> (with their indices in the whole call), so the caller
/// can resume with <see cref="FailedRanges"/> and <see cref="PendingRanges"/> without paying twice.
/// </summary>
public sealed class JinaBatchException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="failedRanges">The input ranges whose requests failed.</param>
    /// <param name="pendingRanges">The input ranges never sent because of the failure.</param>
    /// <param name="completedEmbeddings">The embeddings that completed, indexed within the whole call.</param>
    /// <param name="usage">The tokens the completed requests used.</param>
    /// <param name="innerException">The failure of the first failed range.</param>
    public JinaBatchException(
        string message,
        IReadOnlyList<InputRange> failedRanges,
        IReadOnlyList<InputRange> pendingRanges,
        IReadOnlyList<JinaEmbedding> completedEmbeddings,
        EmbeddingUsage usage,
        Exception innerException)
        : base(message, innerException)
    {
        FailedRanges = failedRanges;
        PendingRanges = pendingRanges;
        CompletedEmbeddings = completedEmbeddings;
        Usage = usage;
    }

    /// <summary>Gets the input ranges whose requests failed after their retries.</summary>
    public IReadOnlyList<InputRange> FailedRanges { get; }

    /// <summary>Gets the input ranges that were not sent because an earlier batch failed.</summary>
    public IReadOnlyList<InputRange> PendingRanges { get; }

    /// <summary>Gets the embeddings that completed, each with its index in the whole call, in index order.</summary>
    public IReadOnlyList<JinaEmbedding> CompletedEmbeddings { get; }

    /// <summary>Gets the tokens the completed requests used.</summary>
    public EmbeddingUsage Usage { get; }
}
