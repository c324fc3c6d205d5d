using System.Runtime.CompilerServices;
using JinaClip.Connection;
using JinaClip.Engine;
using JinaClip.Planning;
using JinaClip.Preparation;
using JinaClip.Wire;

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
        if (plan.SkipBadInputs)
        {
            var (kept, places) = await InputPreparer.PrepareOrSkipAsync(
                batch.Inputs, batch.PositionOf, plan.CheckImageFormats, _connection.Images, plan.Model, run.Failures, cancellationToken).ConfigureAwait(false);
            return await SendIsolatingAsync(plan, kept, [.. places.Select(batch.PositionOf)], batch.EstimatedTokens, run, cancellationToken).ConfigureAwait(false);
        }

        var prepared = await InputPreparer.PrepareAsync(batch.Inputs, batch.Start, plan.CheckImageFormats, _connection.Images, plan.Model, cancellationToken).ConfigureAwait(false);
        var result = await _connection.Pipeline.SendAsync<JinaEmbeddingCollection>(
            plan.Request(prepared), batch.EstimatedTokens, run.Retries, run.TraceParent, cancellationToken).ConfigureAwait(false);
        return batch.Start == 0 ? result : Rebased(result, i => batch.Start + i);
    }

    /// <summary>
    /// Sends prepared inputs (at <paramref name="positions"/> in the call); when the API rejects the request for an input,
    /// that input is logged and the rest sent again: at once without the inputs the error names, or else split in two
    /// halves (sent concurrently, each split again only if it fails), so one bad input costs at most 2 × ⌈log2 n⌉ more
    /// requests and an input that succeeded is never sent twice.
    /// </summary>
    private async Task<JinaEmbeddingCollection> SendIsolatingAsync(
        CallPlan plan, PreparedInput[] inputs, int[] positions, long estimatedTokens, BatchRun run, CancellationToken cancellationToken)
    {
        if (inputs.Length == 0)
        {
            return new JinaEmbeddingCollection([], plan.Model, EmbeddingUsage.Empty, validated: true);
        }

        try
        {
            var result = await _connection.Pipeline.SendAsync<JinaEmbeddingCollection>(
                plan.Request(inputs), estimatedTokens, run.Retries, run.TraceParent, cancellationToken).ConfigureAwait(false);
            return Rebased(result, i => positions[i]);
        }
        catch (JinaApiException error) when (RejectedInputs.MayBeAnInput(error))
        {
            if (inputs.Length == 1)
            {
                run.Failures.Add(positions[0], error, rejectedByServer: true);
                return new JinaEmbeddingCollection([], plan.Model, EmbeddingUsage.Empty, validated: true);
            }

            var named = RejectedInputs.Named(error, inputs);
            if (named.Count > 0 && named.Count < inputs.Length)
            {
                foreach (var place in named)
                {
                    run.Failures.Add(positions[place], error, rejectedByServer: true);
                }

                var rest = Enumerable.Range(0, inputs.Length).Except(named).ToArray();
                return await SendIsolatingAsync(
                    plan, [.. rest.Select(i => inputs[i])], [.. rest.Select(i => positions[i])], Share(estimatedTokens, rest.Length, inputs.Length), run, cancellationToken).ConfigureAwait(false);
            }

            var half = inputs.Length / 2;
            (int From, int Count)[] halves = [(0, half), (half, inputs.Length - half)];
            var parts = await RequestEngine.RunAllAsync(
                halves,
                (h, ct) => SendIsolatingAsync(plan, inputs.AsSpan(h.From, h.Count).ToArray(), positions.AsSpan(h.From, h.Count).ToArray(), Share(estimatedTokens, h.Count, inputs.Length), run, ct),
                2,
                cancellationToken).ConfigureAwait(false);
            var usage = new UsageTotals();
            foreach (var part in parts)
            {
                usage.Add(part.Usage);
            }

            return new JinaEmbeddingCollection([.. parts.SelectMany(p => p)], parts.FirstOrDefault(p => p.Count > 0)?.Model ?? plan.Model, usage.ToUsage(), validated: true);
        }
    }

    private static long Share(long tokens, int count, int of) => Math.Max(1, tokens * count / of);

    private static JinaEmbeddingCollection Rebased(JinaEmbeddingCollection result, Func<int, int> position)
    {
        var rebased = new JinaEmbedding[result.Count];
        for (var i = 0; i < rebased.Length; i++)
        {
            rebased[i] = result[i].WithIndex(position(i));
        }

        return new JinaEmbeddingCollection(rebased, result.Model, result.Usage, validated: true);
    }
}
