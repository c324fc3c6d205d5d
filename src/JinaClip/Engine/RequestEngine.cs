using System.Runtime.CompilerServices;

namespace JinaClip.Engine;

/// <summary>
/// The one engine that runs work concurrently, for every endpoint: embeddings batches of a list or a stream call, the
/// requests of a split rerank call, a mock's stream chunks and the images of one batch being prepared. It pulls parts
/// only when one may start, runs at most <c>maxConcurrency</c> at once, hands results out in part order, and after a
/// failure starts nothing new, awaits what is in flight and raises <see cref="EngineFailure{TPart, TResult}"/> with
/// everything it knows. However the run ends, no task is left running or unobserved.
/// </summary>
internal static class RequestEngine
{
    /// <summary>Runs <paramref name="work"/> on each part and yields the results in part order.</summary>
    /// <typeparam name="TPart">What one unit of work carries (a batch, a range of documents, an image).</typeparam>
    /// <typeparam name="TResult">What one unit of work returns.</typeparam>
    /// <param name="parts">The parts, pulled only when one may start.</param>
    /// <param name="work">Sends (or prepares) one part; it is given the run's token, cancelled after a failure.</param>
    /// <param name="limits">How many parts may run, and be held, at once.</param>
    /// <param name="run">Counts the parts started, for the failure report of the caller.</param>
    /// <param name="cancellationToken">Cancels the run and everything in flight.</param>
    public static async IAsyncEnumerable<TResult> RunAsync<TPart, TResult>(
        IAsyncEnumerable<TPart> parts,
        Func<TPart, CancellationToken, Task<TResult>> work,
        EngineLimits limits,
        EngineRun run,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var window = new Queue<(TPart Part, Task<TResult> Task)>();
        var source = parts.GetAsyncEnumerator(cancellationToken);
        var sourceDone = false;
        try
        {
            while (true)
            {
                while (!sourceDone && window.Count < limits.MaxHeld && InFlight(window) < limits.MaxConcurrency && !AnyFailed(window))
                {
                    if (!await source.MoveNextAsync().ConfigureAwait(false))
                    {
                        sourceDone = true;
                        break;
                    }

                    var part = source.Current;
                    window.Enqueue((part, Start(work, part, cts.Token)));
                    run.Launched++;
                }

                if (window.Count == 0)
                {
                    yield break;
                }

                var head = window.Peek();
                if (!head.Task.IsCompleted)
                {
                    // Wait for any running part (one may free a slot before the head does). The list is taken once: a
                    // part can complete between the check above and this line, and then there is nothing to wait for.
                    var running = window.Select(w => (Task)w.Task).Where(t => !t.IsCompleted).ToList();
                    if (running.Count > 0)
                    {
                        await Task.WhenAny(running).ConfigureAwait(false);
                    }

                    continue;
                }

                window.Dequeue();
                if (head.Task.Status == TaskStatus.RanToCompletion)
                {
                    yield return head.Task.Result;
                    continue;
                }

                cancellationToken.ThrowIfCancellationRequested();
                throw await FailAsync(head, window).ConfigureAwait(false);
            }
        }
        finally
        {
            // The caller stopped early, cancelled, or a part failed: stop what is in flight and observe every task.
            await cts.CancelAsync().ConfigureAwait(false);
            foreach (var (_, task) in window)
            {
                await Observe(task).ConfigureAwait(false);
            }

            await source.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Runs every part and returns the results in part order, or throws the first failure in part order as it is.</summary>
    /// <remarks>For work whose caller reports a failure as the one exception it was (a split rerank call, image preparation).</remarks>
    public static async Task<TResult[]> RunAllAsync<TPart, TResult>(
        IReadOnlyList<TPart> parts, Func<TPart, CancellationToken, Task<TResult>> work, int maxConcurrency, CancellationToken cancellationToken)
    {
        var results = new TResult[parts.Count];
        var stored = 0;
        var run = new EngineRun();
        var all = RunAsync(ToAsync(parts), work, new EngineLimits(maxConcurrency, int.MaxValue), run, cancellationToken);
        var enumerator = all.GetAsyncEnumerator(cancellationToken);
        await using (enumerator.ConfigureAwait(false))
        {
            while (true)
            {
                try
                {
                    if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                    {
                        return results;
                    }
                }
                catch (EngineFailure<TPart, TResult> failure)
                {
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure.Failures[0].Error).Throw();
                    throw; // not reached
                }

                results[stored++] = enumerator.Current;
            }
        }
    }

    /// <summary>Runs one part (a call that is never split, such as the catalogue's) on the engine, throwing its failure as it is.</summary>
    public static async Task<TResult> RunOneAsync<TPart, TResult>(TPart part, Func<TPart, CancellationToken, Task<TResult>> work, CancellationToken cancellationToken)
    {
        var results = await RunAllAsync([part], work, maxConcurrency: 1, cancellationToken).ConfigureAwait(false);
        return results[0];
    }

#pragma warning disable CS1998 // An iterator over parts known already: nothing to await.
    /// <summary>The parts of a list, as the engine pulls them.</summary>
    public static async IAsyncEnumerable<T> ToAsync<T>(IReadOnlyList<T> parts)
#pragma warning restore CS1998
    {
        foreach (var part in parts)
        {
            yield return part;
        }
    }

    private static Task<TResult> Start<TPart, TResult>(Func<TPart, CancellationToken, Task<TResult>> work, TPart part, CancellationToken cancellationToken)
    {
        try
        {
            return work(part, cancellationToken);
        }
        catch (Exception ex)
        {
            // Work that throws before its first await fails like work that throws after it.
            return Task.FromException<TResult>(ex);
        }
    }

    private static async Task<EngineFailure<TPart, TResult>> FailAsync<TPart, TResult>(
        (TPart Part, Task<TResult> Task) failed, Queue<(TPart Part, Task<TResult> Task)> window)
    {
        var failures = new List<(TPart Part, Exception Error)> { (failed.Part, (await ErrorOf(failed.Task).ConfigureAwait(false))!) };
        var unreported = new List<TResult>();
        while (window.Count > 0)
        {
            var (part, task) = window.Dequeue();
            var error = await ErrorOf(task).ConfigureAwait(false);
            if (error is null)
            {
                unreported.Add(task.Result);
            }
            else
            {
                failures.Add((part, error));
            }
        }

        // The window is in part order, and the head failed first in that order: the list is in part order already.
        return new EngineFailure<TPart, TResult>(failures, unreported);
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

    private static bool AnyFailed<TPart, TResult>(Queue<(TPart Part, Task<TResult> Task)> window)
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

    private static int InFlight<TPart, TResult>(Queue<(TPart Part, Task<TResult> Task)> window)
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
