namespace JinaClip.Batching;

/// <summary>
/// Raised by <see cref="BatchEngine"/> when a batch failed after its retries: every batch in flight was awaited, so the
/// failures and the completed results not yet handed out are all here. The front turns it into the public exception.
/// </summary>
internal sealed class BatchFailure : Exception
{
    public BatchFailure(List<(InputRange Range, Exception Error)> failures, List<BatchResult> unreported)
        : base(failures[0].Error.Message, failures[0].Error)
    {
        failures.Sort((a, b) => a.Range.Start.CompareTo(b.Range.Start));
        Failures = failures;
        Unreported = unreported;
    }

    public List<(InputRange Range, Exception Error)> Failures { get; }

    /// <summary>Gets the batches that completed but were not yet handed out when the failure was seen.</summary>
    public List<BatchResult> Unreported { get; }

    public JinaBatchException ToPublic(IEnumerable<JinaEmbedding> completedBefore, IReadOnlyList<InputRange> pending, BatchRun run, string? note = null)
    {
        var kept = completedBefore.Concat(Unreported.SelectMany(r => r.Embeddings)).OrderBy(e => e.Index).ToArray();
        var message =
            $"Inputs {string.Join(", ", Failures.Select(f => f.Range))} failed ({run.Retries.Retries} retries in all): {Failures[0].Error.Message} " +
            $"{kept.Length} embeddings completed and are kept in CompletedEmbeddings" +
            (pending.Count > 0 ? $"; inputs {string.Join(", ", pending)} were not sent." : ".") +
            (note is null ? string.Empty : $" {note}");
        return new JinaBatchException(message, Failures.Select(f => f.Range).ToArray(), pending, kept, run.Usage.ToUsage(), Failures[0].Error);
    }
}
