using System.Net;
using JinaClip.Testing;

namespace JinaClip.Tests.Embed;

/// <summary>When a stream call fails, every input read from the source is accounted for.</summary>
public class StreamAccountingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EmbedStreamAsync_BatchFails_EveryInputReadIsYieldedKeptFailedOrPending()
    {
        var emulator = new JinaEmulator();
        emulator.Faults.PassNext(2);
        emulator.Faults.FailNext(1, HttpStatusCode.Forbidden);
        using var client = emulator.CreateClient(o => { o.MaxBatchSize = 5; o.MaxConcurrency = 1; o.Retry.MaxRetryAttempts = 0; });
        var read = 0;

        async IAsyncEnumerable<EmbeddingInput> Source()
        {
            for (var i = 0; i < 30; i++)
            {
                await Task.Yield();
                read++;
                yield return $"text {i}";
            }
        }

        var yielded = new List<int>();
        var ex = await Assert.ThrowsAsync<JinaBatchException>(async () =>
        {
            await foreach (var e in client.EmbedStreamAsync(Source(), cancellationToken: Ct))
            {
                yielded.Add(e.Index);
            }
        });

        var accounted = yielded
            .Concat(ex.CompletedEmbeddings.Select(e => e.Index))
            .Concat(ex.FailedRanges.Concat(ex.PendingRanges).SelectMany(r => Enumerable.Range(r.Start, r.Count)))
            .Order()
            .ToArray();
        Assert.Equal(Enumerable.Range(0, read), accounted);
        Assert.NotEmpty(ex.PendingRanges);
        Assert.Contains($"inputs {ex.PendingRanges[0]} were not sent", ex.Message, StringComparison.Ordinal);
    }
}
