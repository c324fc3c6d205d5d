using JinaClip.Engine;
using JinaClip.Planning;

namespace JinaClip.Embed;

/// <summary>Turns the engine's report of a failed embeddings call into the public <see cref="JinaBatchException"/>.</summary>
internal static class BatchFailureReport
{
    public static JinaBatchException ToPublic(
        EngineFailure<Batch, JinaEmbeddingCollection> failure, IEnumerable<JinaEmbedding> completedBefore, IReadOnlyList<InputRange> pending, BatchRun run, string? note = null)
    {
        var failed = failure.Failures.Select(f => f.Part.Range).ToArray();
        var kept = completedBefore.Concat(failure.Unreported.SelectMany(r => r)).OrderBy(e => e.Index).ToArray();
        var message =
            $"Inputs {string.Join(", ", failed)} failed ({run.Retries.Retries} retries in all): {failure.Failures[0].Error.Message} " +
            $"{kept.Length} embeddings completed and are kept in CompletedEmbeddings" +
            (pending.Count > 0 ? $"; inputs {string.Join(", ", pending)} were not sent." : ".") +
            (note is null ? string.Empty : $" {note}");
        return new JinaBatchException(message, failed, pending, kept, run.Usage.ToUsage(), failure.Failures[0].Error);
    }
}
