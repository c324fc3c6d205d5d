using System.Runtime.CompilerServices;
using JinaClip.Pipeline;
using JinaClip.Planning;

namespace JinaClip.Batching;

/// <summary>
/// The one batch engine, for list and stream calls alike: it sends planned batches through the request pipeline, at
/// most <c>MaxConcurrency</c> at once, and hands their results out in input order. After a failure it starts no new
/// batch, awaits those in flight, and raises <see cref="BatchFailure"/> with everything it knows. However the run
/// ends, no batch task is left running or unobserved.
/// </summary>
internal sealed class BatchEngine
{
    private readonly RequestPipeline _pipeline;
    private readonly int _maxConcurrency;

    public BatchEngine(RequestPipeline pipeline, int maxConcurrency)
    {
        _pipeline = pipeline;
        _maxConcurrency = maxConcurrency;
    }

    public int MaxConcurrency => _maxConcurrency;

    /// <summary>Runs the batches and yields their results in order.</summary>
    /// <param name="plan">What every batch shares.</param>
    /// <param name="batches">The planned batches, pulled only when a batch may start.</param>
    /// <param name="maxHeld">The most batches started but not yet handed out (bounds a stream's memory).</param>
    /// <param name="run">The run's shared counters.</param>
    /// <param name="cancellationToken">Cancels the run and every request in flight.</param>
    public async IAsyncEnumerable<BatchResult> RunAsync(
        CallPlan plan, IAsyncEnumerable<Batch> batches, int maxHeld, BatchRun run, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var window = new Queue<(Batch Batch, Task<JinaEmbeddingCollection> Task)>();
        var source = batches.GetAsyncEnumerator(cancellationToken);
        var sourceDone = false;
        try
        {
            while (true)
            {
                while (!sourceDone && window.Count < maxHeld && InFlight(window) < _maxConcurrency && !AnyFailed(window))
                {
                    if (!await source.MoveNextAsync().ConfigureAwait(false))
                    {
                        sourceDone = true;
                        break;
                    }

                    var batch = source.Current;
                    window.Enqueue((batch, SendAsync(plan, batch, run, cts.Token)));
                    run.Launched++;
                }

                if (window.Count == 0)
                {
                    yield break;
                }

                var head = window.Peek();
                if (!head.Task.IsCompleted)
                {
                    // Wait for any running batch (one may finish a refill slot before the head does). The list is taken
                    // once: a batch can complete between the check above and this line, and then there is nothing to wait for.
                    var running = window.Select(w => w.Task).Where(t => !t.IsCompleted).ToList();
                    if (running.Count > 0)
                    {
                        await Task.WhenAny(running).ConfigureAwait(false);
                    }

                    continue;
                }

                window.Dequeue();
                if (head.Task.Status == TaskStatus.RanToCompletion)
                {
                    yield return Completed(head.Batch, head.Task.Result, run);
                    continue;
                }

                cancellationToken.ThrowIfCancellationRequested();
                throw await FailAsync(head, window, run).ConfigureAwait(false);
            }
        }
        finally
        {
            // The caller stopped early, cancelled, or a batch failed: stop what is in flight and observe every task.
            await cts.CancelAsync().ConfigureAwait(false);
            foreach (var (_, task) in window)
            {
                await Observe(task).ConfigureAwait(false);
            }

            await source.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<JinaEmbeddingCollection> SendAsync(CallPlan plan, Batch batch, BatchRun run, CancellationToken cancellationToken)
    {
        var prepared = await InputPreparer.PrepareAsync(batch, plan.CheckImageFormats, plan.Images, plan.Model, cancellationToken).ConfigureAwait(false);
        return await _pipeline.SendAsync<JinaEmbeddingCollection>(plan.Request(prepared), batch.EstimatedTokens, run.Retries, run.TraceParent, cancellationToken).ConfigureAwait(false);
    }

    private static BatchResult Completed(Batch batch, JinaEmbeddingCollection result, BatchRun run)
    {
        run.Usage.Add(result.Usage);
        if (batch.Start == 0)
        {
            return new BatchResult(batch, result);
        }

        var rebased = new JinaEmbedding[result.Count];
        for (var i = 0; i < rebased.Length; i++)
        {
            rebased[i] = result[i].WithIndex(batch.Start + i);
        }

        return new BatchResult(batch, new JinaEmbeddingCollection(rebased, result.Model, result.Usage, validated: true));
    }

    private static async Task<BatchFailure> FailAsync(
        (Batch Batch, Task<JinaEmbeddingCollection> Task) failed, Queue<(Batch Batch, Task<JinaEmbeddingCollection> Task)> window, BatchRun run)
    {
        var failures = new List<(InputRange Range, Exception Error)> { (failed.Batch.Range, (await ErrorOf(failed.Task).ConfigureAwait(false))!) };
        var unreported = new List<BatchResult>();
        while (window.Count > 0)
        {
            var (batch, task) = window.Dequeue();
            var error = await ErrorOf(task).ConfigureAwait(false);
            if (error is null)
            {
                unreported.Add(Completed(batch, task.Result, run));
            }
            else
            {
                failures.Add((batch.Range, error));
            }
        }

        return new BatchFailure(failures, unreported);
    }

    private static async Task<Exception?> ErrorOf(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    private static bool AnyFailed(Queue<(Batch Batch, Task<JinaEmbeddingCollection> Task)> window)
    {
        foreach (var (_, task) in window)
        {
            if (task.IsFaulted || task.IsCanceled)
            {
                return true;
            }
        }

        return false;
    }

    private static int InFlight(Queue<(Batch Batch, Task<JinaEmbeddingCollection> Task)> window)
    {
        var count = 0;
        foreach (var (_, task) in window)
        {
            if (!task.IsCompleted)
            {
                count++;
            }
        }

        return count;
    }

    private static async Task Observe(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Observed: the run reports the failures it needs; the rest ended because the run did.
        }
    }
}
