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
    /// Sends prepared inputs (at <paramref name="positions"/> in the call); when the API rejects the request for an
    /// input, <see cref="IsolateAsync"/> finds it and sends the rest.
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
            return await IsolateAsync(plan, inputs, positions, estimatedTokens, error, run, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A request the API rejected for an input: the inputs the error names are left out and the rest sent again at once
    /// (one more request). An error that names none is searched by halving: the first half of the suspects is sent
    /// alone; if it succeeds the bad input is in the other half (not sent), else that other half waits, and all that
    /// waited go in one request at the end. One bad input among n costs at most ⌈log2 n⌉ + 1 more requests (the last
    /// only when some half failed, for the inputs that waited); an input that succeeded is never sent again.
    /// </summary>
    private async Task<JinaEmbeddingCollection> IsolateAsync(
        CallPlan plan, PreparedInput[] inputs, int[] positions, long estimatedTokens, JinaApiException error, BatchRun run, CancellationToken cancellationToken)
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

            return await SendPlacesAsync([.. Enumerable.Range(0, inputs.Length).Except(named)]).ConfigureAwait(false);
        }

        var parts = new List<JinaEmbeddingCollection>();
        var waiting = new List<int>();
        var (from, count) = (0, inputs.Length);
        var blamed = error;
        while (count > 1)
        {
            var half = count / 2;
            try
            {
                var probe = Enumerable.Range(from, half).ToArray();
                var result = await _connection.Pipeline.SendAsync<JinaEmbeddingCollection>(
                    plan.Request([.. probe.Select(i => inputs[i])]), Share(estimatedTokens, half, inputs.Length), run.Retries, run.TraceParent, cancellationToken).ConfigureAwait(false);
                parts.Add(Rebased(result, i => positions[probe[i]]));
                (from, count) = (from + half, count - half);
            }
            catch (JinaApiException probeError) when (RejectedInputs.MayBeAnInput(probeError))
            {
                waiting.AddRange(Enumerable.Range(from + half, count - half));
                (count, blamed) = (half, probeError);
            }
        }

        // One suspect is left. If every other input has succeeded, it is the one the API rejects: no need to send it again.
        var rest = await SendPlacesAsync([.. waiting]).ConfigureAwait(false);
        parts.Add(rest);
        if (rest.Count == waiting.Count)
        {
            run.Failures.Add(positions[from], blamed, rejectedByServer: true);
        }
        else
        {
            parts.Add(await SendPlacesAsync([from]).ConfigureAwait(false)); // the others held bad inputs too: it must prove itself
        }

        var usage = new UsageTotals();
        foreach (var part in parts)
        {
            usage.Add(part.Usage);
        }

        return new JinaEmbeddingCollection(
            [.. parts.SelectMany(p => p).OrderBy(e => e.Index)], parts.FirstOrDefault(p => p.Count > 0)?.Model ?? plan.Model, usage.ToUsage(), validated: true);

        Task<JinaEmbeddingCollection> SendPlacesAsync(int[] places) => SendIsolatingAsync(
            plan, [.. places.Select(i => inputs[i])], [.. places.Select(i => positions[i])], Share(estimatedTokens, places.Length, inputs.Length), run, cancellationToken);
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
