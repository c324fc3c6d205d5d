using System.Runtime.CompilerServices;
using JinaClip.Batching;
using JinaClip.Costs;
using JinaClip.Embeddings;
using JinaClip.Resilience;

namespace JinaClip;

/// <content>Streaming: corpora that do not fit in memory.</content>
public partial class JinaEmbeddingClient
{
    /// <summary>
    /// Embeds a stream of inputs of any length, yielding embeddings in input order as batches complete. Memory stays
    /// bounded by <see cref="JinaClientOptions.MaxConcurrency"/> × the batch size, whatever the stream's length.
    /// </summary>
    /// <param name="inputs">The inputs, read once, as they are needed.</param>
    /// <param name="options">Per-call options (no <c>late_chunking</c>: a stream is not one sequence), or <see langword="null"/>.</param>
    /// <param name="progress">Told after each batch: inputs done, tokens used and retries so far.</param>
    /// <param name="cancellationToken">Cancels the stream; requests in flight are cancelled.</param>
    /// <returns>One embedding per input, in input order, each with its index in the stream.</returns>
    /// <exception cref="ArgumentException">An option or input is invalid for the model.</exception>
    /// <exception cref="JinaBatchException">
    /// A batch failed after its retries. Embeddings already yielded stay yours; those completed but not yet yielded are in
    /// <see cref="JinaBatchException.CompletedEmbeddings"/>, and the stream was not read further.
    /// </exception>
    public virtual async IAsyncEnumerable<JinaEmbedding> EmbedStreamAsync(
        IAsyncEnumerable<EmbeddingInput> inputs,
        EmbeddingOptions? options = null,
        IProgress<EmbeddingProgress>? progress = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var plan = Plan(options, []);
        if (plan.LateChunking)
        {
            throw new ArgumentException("late_chunking embeds all inputs as one sequence and cannot be streamed; call EmbedAsync instead.", nameof(options));
        }

        var maxInputs = MaxInputs(plan);
        var counter = new RetryCounter();
        var usage = new UsageTotals();
        var window = new Queue<(InputRange Range, Task<JinaEmbeddingCollection> Task)>();
        var batch = new List<EmbeddingInput>();
        var batchTokens = 0L;
        var next = 0;
        var done = 0;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            await foreach (var input in inputs.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                var index = next + batch.Count;
                if (input is null)
                {
                    throw new ArgumentException($"Input {index} of the stream is null.", nameof(inputs));
                }

                RequestValidator.CheckInput(plan.Spec, input, index);
                var cost = RoughTokenEstimator.Estimate(input, plan.Model);
                if (batch.Count > 0 && (batch.Count == maxInputs || batchTokens + cost > _maxTokensPerRequest))
                {
                    Launch();
                    while (window.Count >= _runner.MaxConcurrency)
                    {
                        foreach (var embedding in await CompleteOldestAsync().ConfigureAwait(false))
                        {
                            yield return embedding;
                        }
                    }
                }

                batch.Add(input);
                batchTokens += cost;
            }

            if (batch.Count > 0)
            {
                Launch();
            }

            while (window.Count > 0)
            {
                foreach (var embedding in await CompleteOldestAsync().ConfigureAwait(false))
                {
                    yield return embedding;
                }
            }
        }
        finally
        {
            // Stops requests still in flight when the caller stops early or an error ends the stream.
            await cts.CancelAsync().ConfigureAwait(false);
        }

        void Launch()
        {
            var range = new InputRange(next, batch.Count);
            window.Enqueue((range, _runner.SendBatchAsync(plan, [.. batch], counter, cts.Token)));
            next += batch.Count;
            batch.Clear();
            batchTokens = 0;
        }

        async Task<JinaEmbedding[]> CompleteOldestAsync()
        {
            var (range, task) = window.Dequeue();
            try
            {
                var result = await task.ConfigureAwait(false);
                usage.Add(result.Usage);
                done += range.Count;
                progress?.Report(new EmbeddingProgress(done, usage.TotalTokens, counter.Retries));
                return [.. result.Select(e => e.WithIndex(range.Start + e.Index))];
            }
            catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                var failures = new List<(InputRange Range, Exception Error)> { (range, ex) };
                var completed = new List<JinaEmbedding>();
                while (window.Count > 0)
                {
                    var (otherRange, other) = window.Dequeue();
                    try
                    {
                        var result = await other.ConfigureAwait(false);
                        usage.Add(result.Usage);
                        completed.AddRange(result.Select(e => e.WithIndex(otherRange.Start + e.Index)));
                    }
                    catch (Exception otherError) when (!(otherError is OperationCanceledException && cancellationToken.IsCancellationRequested))
                    {
                        failures.Add((otherRange, otherError));
                    }
                }

                throw BatchRunner.BatchFailure(
                    failures, [], completed, usage, counter,
                    (done == 0 ? "No embedding was yielded yet" : $"Inputs 0..{done - 1} were already yielded") + $"; the stream was not read past input {next - 1}.");
            }
        }
    }
}
