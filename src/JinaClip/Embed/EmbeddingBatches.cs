using System.Runtime.CompilerServices;
using JinaClip.Connection;
using JinaClip.Engine;
using JinaClip.Planning;
using JinaClip.Preparation;

namespace JinaClip.Embed;

/// <summary>
/// Runs the planned batches of one embeddings call, list or stream, on the engine: each batch's inputs are read (and
/// its images prepared) only when it starts, sent through the pipeline, and re-indexed to their positions in the call.
/// Results come out in input order; a failure comes out as the exception <c>fail</c> makes of the engine's report.
/// </summary>
internal sealed class EmbeddingBatches
{
    private readonly JinaConnection _connection;

    public EmbeddingBatches(JinaConnection connection) => _connection = connection;

    public int MaxConcurrency => _connection.Options.MaxConcurrency;

    /// <summary>Runs the batches; the one loop that consumes them for both list and stream calls.</summary>
    /// <param name="plan">What every batch shares.</param>
    /// <param name="batches">The batches, pulled only when one may start.</param>
    /// <param name="maxHeld">The most batches started but not yet handed out.</param>
    /// <param name="run">The call's shared counters; usage is added as each batch is handed out.</param>
    /// <param name="fail">Turns the engine's failure report into the exception the caller sees.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    public async IAsyncEnumerable<JinaEmbeddingCollection> RunAsync(
        CallPlan plan,
        IAsyncEnumerable<Batch> batches,
        int maxHeld,
        BatchRun run,
        Func<EngineFailure<Batch, JinaEmbeddingCollection>, Exception> fail,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var results = RequestEngine.RunAsync(batches, (b, ct) => SendAsync(plan, b, run, ct), new EngineLimits(MaxConcurrency, maxHeld), run, cancellationToken);
        var enumerator = results.GetAsyncEnumerator(cancellationToken);
        await using (enumerator.ConfigureAwait(false))
        {
            while (await MoveNextAsync(enumerator, run, fail).ConfigureAwait(false))
            {
                run.Usage.Add(enumerator.Current.Usage);
                yield return enumerator.Current;
            }
        }
    }

    private static async ValueTask<bool> MoveNextAsync(
        IAsyncEnumerator<JinaEmbeddingCollection> enumerator, BatchRun run, Func<EngineFailure<Batch, JinaEmbeddingCollection>, Exception> fail)
    {
        try
        {
            return await enumerator.MoveNextAsync().ConfigureAwait(false);
        }
        catch (EngineFailure<Batch, JinaEmbeddingCollection> failure)
        {
            foreach (var completed in failure.Unreported)
            {
                run.Usage.Add(completed.Usage);
            }

            throw fail(failure);
        }
    }

    private async Task<JinaEmbeddingCollection> SendAsync(CallPlan plan, Batch batch, BatchRun run, CancellationToken cancellationToken)
    {
        var prepared = await InputPreparer.PrepareAsync(batch.Inputs, batch.Start, plan.CheckImageFormats, _connection.Images, plan.Model, cancellationToken).ConfigureAwait(false);
        var result = await _connection.Pipeline.SendAsync<JinaEmbeddingCollection>(
            plan.Request(prepared), batch.EstimatedTokens, run.Retries, run.TraceParent, cancellationToken).ConfigureAwait(false);
        if (batch.Start == 0)
        {
            return result;
        }

        var rebased = new JinaEmbedding[result.Count];
        for (var i = 0; i < rebased.Length; i++)
        {
            rebased[i] = result[i].WithIndex(batch.Start + i);
        }

        return new JinaEmbeddingCollection(rebased, result.Model, result.Usage, validated: true);
    }
}
