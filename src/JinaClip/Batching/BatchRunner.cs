using JinaClip.Embeddings;
using JinaClip.Inputs;
using JinaClip.Resilience;
using Polly;
using Polly.Timeout;

namespace JinaClip.Batching;

/// <summary>Sends batches through the resilience pipeline, several at once, and merges their results in input order.</summary>
internal sealed class BatchRunner
{
    private readonly EmbeddingTransport _transport;
    private readonly ResiliencePipeline _pipeline;
    private readonly TimeSpan _totalTimeout;

    public BatchRunner(EmbeddingTransport transport, ResiliencePipeline pipeline, TimeSpan totalTimeout, int maxConcurrency)
    {
        _transport = transport;
        _pipeline = pipeline;
        _totalTimeout = totalTimeout;
        MaxConcurrency = maxConcurrency;
    }

    public int MaxConcurrency { get; }

    /// <summary>Prepares, sends (with retries) and returns one batch; its embeddings are indexed within the batch.</summary>
    public async Task<JinaEmbeddingCollection> SendBatchAsync(
        CallPlan plan, EmbeddingInput[] inputs, RetryCounter counter, CancellationToken cancellationToken)
    {
        var prepared = await InputPreparer.PrepareAsync(inputs, cancellationToken).ConfigureAwait(false);
        var request = plan.Request(prepared);
        var tokens = 0;
        foreach (var input in prepared)
        {
            tokens += Costs.RoughTokenEstimator.Estimate(input, plan.Model);
        }

        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(ResiliencePipelineFactory.CounterKey, counter);
        try
        {
            return await _pipeline.ExecuteAsync(
                static (ctx, state) => new ValueTask<JinaEmbeddingCollection>(state.Transport.SendAsync(state.Request, state.Tokens, ctx.CancellationToken)),
                context,
                (Transport: _transport, Request: request, Tokens: tokens)).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new TimeoutException(
                $"The batch did not complete within {_totalTimeout.TotalSeconds:0.###} s including retries (JinaClientOptions.TotalTimeout).", ex);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>Runs every range, at most <see cref="MaxConcurrency"/> at once; after a failure no new range starts.</summary>
    public async Task<JinaEmbeddingCollection> RunAsync(
        CallPlan plan, EmbeddingInput[] inputs, List<InputRange> ranges, CancellationToken cancellationToken)
    {
        var counter = new RetryCounter();
        if (ranges.Count == 1)
        {
            return await SendBatchAsync(plan, inputs, counter, cancellationToken).ConfigureAwait(false);
        }

        var results = new JinaEmbedding?[inputs.Length];
        var usage = new UsageTotals();
        string? model = null;
        var failures = new List<(InputRange Range, Exception Error)>();
        var pending = new List<InputRange>();
        using var throttle = new SemaphoreSlim(MaxConcurrency);
        var running = new List<Task>();
        foreach (var range in ranges)
        {
            await throttle.WaitAsync(cancellationToken).ConfigureAwait(false);
            bool failed;
            lock (failures)
            {
                failed = failures.Count > 0;
            }

            if (failed)
            {
                throttle.Release();
                pending.Add(range);
                continue;
            }

            running.Add(RunOneAsync(range));
        }

        await Task.WhenAll(running).ConfigureAwait(false);
        if (failures.Count > 0)
        {
            throw BatchFailure(failures, pending, results, usage, counter);
        }

        return new JinaEmbeddingCollection(results!, model ?? plan.Model, usage.ToUsage());

        async Task RunOneAsync(InputRange range)
        {
            try
            {
                var batch = await SendBatchAsync(plan, inputs.AsSpan(range.Start, range.Count).ToArray(), counter, cancellationToken).ConfigureAwait(false);
                CopyRebased(batch, results, range.Start);
                usage.Add(batch.Usage);
                Interlocked.CompareExchange(ref model, batch.Model, null);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                lock (failures)
                {
                    failures.Add((range, ex));
                }
            }
            finally
            {
                throttle.Release();
            }
        }
    }

    public static JinaBatchException BatchFailure(
        List<(InputRange Range, Exception Error)> failures, List<InputRange> pending, IEnumerable<JinaEmbedding?> completed, UsageTotals usage, RetryCounter counter, string? note = null)
    {
        failures.Sort((a, b) => a.Range.Start.CompareTo(b.Range.Start));
        var kept = completed.Where(e => e is not null).Select(e => e!).OrderBy(e => e.Index).ToArray();
        var first = failures[0];
        var message =
            $"Inputs {string.Join(", ", failures.Select(f => f.Range))} failed ({counter.Retries} retries in all): {first.Error.Message} " +
            $"{kept.Length} embeddings completed and are kept in CompletedEmbeddings" +
            (pending.Count > 0 ? $"; inputs {string.Join(", ", pending)} were not sent." : ".") +
            (note is null ? string.Empty : $" {note}");
        return new JinaBatchException(message, failures.Select(f => f.Range).ToArray(), pending.ToArray(), kept, usage.ToUsage(), first.Error);
    }

    /// <summary>Copies a batch's embeddings into the call's results, re-indexed from <paramref name="offset"/>.</summary>
    public static void CopyRebased(JinaEmbeddingCollection batch, JinaEmbedding?[] results, int offset)
    {
        foreach (var embedding in batch)
        {
            results[offset + embedding.Index] = embedding.WithIndex(offset + embedding.Index);
        }
    }
}
