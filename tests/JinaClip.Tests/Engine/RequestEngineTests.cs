using JinaClip.Engine;
using JinaClip.Tests.TestSupport;

namespace JinaClip.Tests.Engine;

/// <summary>The one engine every endpoint runs on: order, bounds, failure reports, and no task left behind.</summary>
[Collection(nameof(UnobservedTaskTests))]
public class RequestEngineTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunAsync_PartsFinishingInReverse_AreYieldedInPartOrder()
    {
        var gates = Enumerable.Range(0, 4).Select(_ => new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        var results = new List<int>();

        var run = Task.Run(async () =>
        {
            await foreach (var r in RequestEngine.RunAsync(Parts(4), (i, _) => gates[i].Task, new EngineLimits(4, 4), new EngineRun(), Ct))
            {
                results.Add(r);
            }
        }, Ct);
        for (var i = 3; i >= 0; i--)
        {
            gates[i].SetResult(i * 10);
        }

        await run;
        Assert.Equal([0, 10, 20, 30], results);
    }

    [Fact]
    public async Task RunAsync_NeverRunsMoreThanMaxConcurrency_NorPullsPartsItCannotStart()
    {
        var running = 0;
        var most = 0;
        var pulled = 0;
        async IAsyncEnumerable<int> Source()
        {
            for (var i = 0; i < 20; i++)
            {
                Interlocked.Increment(ref pulled);
                await Task.Yield();
                yield return i;
            }
        }

        async Task<int> Work(int i, CancellationToken ct)
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            await Task.Yield();
            Interlocked.Decrement(ref running);
            return i;
        }

        var held = new List<int>();
        await foreach (var r in RequestEngine.RunAsync(Source(), Work, new EngineLimits(3, 5), new EngineRun(), Ct))
        {
            held.Add(r);
            Assert.True(Volatile.Read(ref pulled) <= held.Count + 5, "the engine pulled a part it could not hold");
        }

        Assert.Equal(Enumerable.Range(0, 20), held);
        Assert.InRange(most, 1, 3);
    }

    [Fact]
    public async Task RunAsync_AfterAFailure_StartsNothingNew_AndReportsFailuresInPartOrder_WithTheUnreportedResults()
    {
        // Parts 0 to 3 are in flight; part 1 fails first, then 0 and 2 succeed and 3 fails. Part 4 must never start.
        var gates = Enumerable.Range(0, 6).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        var tasks = new Task<int>?[6];
        async Task<int> Part(int i)
        {
            await gates[i].Task;
            return i % 2 == 1 ? throw new InvalidOperationException($"part {i}") : i;
        }

        Task<int> Work(int i, CancellationToken ct) => tasks[i] = Part(i);

        var run = new EngineRun();
        var results = new List<int>();
        var consume = Task.Run(async () =>
        {
            await foreach (var r in RequestEngine.RunAsync(Parts(6), Work, new EngineLimits(4, 4), run, Ct))
            {
                results.Add(r);
            }
        }, Ct);
        await Clock.Until(() => run.Launched == 4);
        gates[1].SetResult();
        await Clock.Until(() => tasks[1]!.IsFaulted);
        gates[0].SetResult();
        gates[2].SetResult();
        gates[3].SetResult();

        var failure = await Assert.ThrowsAsync<EngineFailure<int, int>>(() => consume);

        Assert.Equal([0], results);
        Assert.Equal([1, 3], failure.Failures.Select(f => f.Part));
        Assert.Equal(["part 1", "part 3"], failure.Failures.Select(f => f.Error.Message));
        Assert.Equal([2], failure.Unreported);
        Assert.Equal(4, run.Launched);
        Assert.Null(tasks[4]);
    }

    [Fact]
    public async Task RunAsync_ConsumerStopsEarly_AwaitsAndObservesWhatIsInFlight()
    {
        var unobserved = await UnobservedTasks.DuringAsync(async () =>
        {
            var late = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            async Task<int> Work(int i, CancellationToken ct)
            {
                if (i == 0)
                {
                    return 0;
                }

                await late.Task; // ignores cancellation, then faults: the engine must wait for it and observe it
                throw new InvalidOperationException($"late part {i}");
            }

            var enumerator = RequestEngine.RunAsync(Parts(3), Work, new EngineLimits(3, 3), new EngineRun(), Ct).GetAsyncEnumerator(Ct);
            Assert.True(await enumerator.MoveNextAsync());
            var stopping = enumerator.DisposeAsync().AsTask();

            Assert.False(stopping.IsCompleted); // still waiting for the two parts in flight
            late.SetResult();
            await stopping;
        });

        Assert.Empty(unobserved);
    }

    [Fact]
    public async Task RunAllAsync_ThrowsTheFirstFailureInPartOrder_AsItIs()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => RequestEngine.RunAllAsync<int, int>(
            [0, 1, 2, 3],
            async (i, ct) =>
            {
                await Task.Delay(i == 3 ? 0 : 20, ct); // part 3 fails first in time, part 2 first in order
                return i >= 2 ? throw new ArgumentException($"part {i}") : i;
            },
            maxConcurrency: 4,
            Ct));

        Assert.Equal("part 2", ex.Message);
    }

    [Fact]
    public async Task RunOneAsync_ReturnsTheResult()
    {
        Assert.Equal("one", await RequestEngine.RunOneAsync(1, (_, _) => Task.FromResult("one"), Ct));
    }

    private static async IAsyncEnumerable<int> Parts(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await Task.Yield();
            yield return i;
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
