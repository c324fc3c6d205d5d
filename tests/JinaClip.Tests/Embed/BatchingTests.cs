using System.Net;
using System.Text.Json;
using JinaClip.Testing;

namespace JinaClip.Tests.Embed;

public class BatchingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string[] Texts(int count) => Enumerable.Range(0, count).Select(i => $"text number {i}").ToArray();

    private static int[] InputCounts(JinaEmulator emulator) =>
        emulator.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("input").GetArrayLength()).ToArray();

    [Fact]
    public async Task EmbedAsync_OverMaxBatchSize_SplitsAndMergesInInputOrder()
    {
        var emulator = new JinaEmulator();
        using var batched = emulator.CreateClient(o => { o.MaxBatchSize = 3; o.MaxConcurrency = 2; });
        using var single = new JinaEmulator().CreateClient();
        var texts = Texts(10);

        var result = await batched.EmbedAsync(texts.Select(t => (EmbeddingInput)t), cancellationToken: Ct);
        var expected = await single.EmbedAsync(texts.Select(t => (EmbeddingInput)t), cancellationToken: Ct);

        Assert.Equal([1, 3, 3, 3], InputCounts(emulator).Order());
        Assert.Equal(10, InputCounts(emulator).Sum());
        Assert.Equal(4, emulator.RequestCount);
        Assert.Equal(Enumerable.Range(0, 10), result.Select(e => e.Index));
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(expected[i].GetVector().ToArray(), result[i].GetVector().ToArray());
        }

        Assert.Equal(expected.Usage, result.Usage);
    }

    [Fact]
    public async Task EmbedAsync_V4_SplitsAt512Inputs()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateClient(o => o.DefaultModel = JinaModels.EmbeddingsV4);

        var result = await client.EmbedAsync(Texts(1100).Select(t => (EmbeddingInput)t), new EmbeddingOptions { Dimensions = 8 }, Ct);

        Assert.Equal(1100, result.Count);
        Assert.Equal([76, 512, 512], InputCounts(emulator).Order());
    }

    [Fact]
    public async Task EmbedAsync_DefaultLimit_SplitsAt2048Inputs()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateClient(o => o.DefaultModel = JinaModels.ClipV2);

        var result = await client.EmbedAsync(Texts(2049).Select(t => (EmbeddingInput)t), new EmbeddingOptions { Dimensions = 8 }, Ct);

        Assert.Equal(2049, result.Count);
        Assert.Equal([1, 2048], InputCounts(emulator).Order());
    }

    [Fact]
    public async Task EmbedAsync_TokenBudget_SplitsByEstimatedTokens()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateClient(o => o.MaxTokensPerRequest = 12);

        // Each text is 5 words: ⌈5 × 1.1⌉ = 6 estimated tokens, so two fit in 12.
        await client.EmbedAsync(Enumerable.Range(0, 5).Select(i => (EmbeddingInput)$"one two three four {i}"), cancellationToken: Ct);

        Assert.Equal([1, 2, 2], InputCounts(emulator).Order());
    }

    [Fact]
    public async Task EmbedAsync_LateChunkingTooLargeForOneRequest_ThrowsBeforeSending()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateClient(o => { o.DefaultModel = JinaModels.EmbeddingsV3; o.MaxBatchSize = 4; });

        var ex = await Assert.ThrowsAsync<ArgumentException>(() =>
            client.EmbedAsync(Texts(5).Select(t => (EmbeddingInput)t), new EmbeddingOptions { LateChunking = true }, Ct));

        Assert.Contains("late_chunking", ex.Message, StringComparison.Ordinal);
        Assert.Contains("cannot be split", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, emulator.RequestCount);
    }

    [Fact]
    public async Task EmbedAsync_LateChunkingThatFits_IsOneRequest()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateClient(o => { o.DefaultModel = JinaModels.EmbeddingsV3; o.MaxBatchSize = 4; });

        await client.EmbedAsync(Texts(4).Select(t => (EmbeddingInput)t), new EmbeddingOptions { LateChunking = true }, Ct);

        Assert.Equal([4], InputCounts(emulator));
    }

    [Fact]
    public async Task EmbedAsync_ManyBatches_NeverExceedMaxConcurrency()
    {
        var counter = new ConcurrencyProbe(new JinaEmulatorHandler(new JinaEmulator()));
        using var client = new JinaEmbeddingClient(new HttpClient(counter), new JinaClientOptions { ApiKey = "k", MaxBatchSize = 1, MaxConcurrency = 3 });

        var result = await client.EmbedAsync(Texts(12).Select(t => (EmbeddingInput)t), cancellationToken: Ct);

        Assert.Equal(12, result.Count);
        Assert.Equal(12, counter.Total);
        Assert.InRange(counter.MaxInFlight, 2, 3);
    }

    [Fact]
    public async Task EmbedAsync_BatchFailsAfterRetries_ThrowsWithFailedRangeAndCompletedResults()
    {
        var emulator = new JinaEmulator();
        emulator.Faults.PassNext(1);
        emulator.Faults.FailNext(1, HttpStatusCode.UnprocessableEntity);
        using var client = emulator.CreateClient(o => { o.MaxBatchSize = 2; o.MaxConcurrency = 1; });
        using var reference = new JinaEmulator().CreateClient();
        var texts = Texts(6);

        var ex = await Assert.ThrowsAsync<JinaBatchException>(() => client.EmbedAsync(texts.Select(t => (EmbeddingInput)t), cancellationToken: Ct));

        Assert.Equal([new InputRange(2, 2)], ex.FailedRanges);
        Assert.Equal([new InputRange(4, 2)], ex.PendingRanges);
        Assert.Equal([0, 1], ex.CompletedEmbeddings.Select(e => e.Index));
        Assert.Equal((await reference.EmbedTextAsync(texts[1], cancellationToken: Ct)).ToArray(), ex.CompletedEmbeddings[1].GetVector().ToArray());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, Assert.IsType<JinaApiException>(ex.InnerException).StatusCode);
        Assert.Contains("Inputs 2..3 failed", ex.Message, StringComparison.Ordinal);
        Assert.Contains("inputs 4..5 were not sent", ex.Message, StringComparison.Ordinal);
        Assert.NotNull(ex.Usage.TotalTokens);
        Assert.Equal(2, emulator.RequestCount);
    }

    [Fact]
    public async Task EmbedStreamAsync_YieldsInOrderWithBoundedReadAheadAndProgress()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateClient(o => { o.MaxBatchSize = 10; o.MaxConcurrency = 3; });
        using var reference = new JinaEmulator().CreateClient();
        var source = new CountingSource(Texts(95));
        var reports = new List<EmbeddingProgress>();
        var progress = new SyncProgress(reports.Add);

        var yielded = new List<JinaEmbedding>();
        await foreach (var embedding in client.EmbedStreamAsync(source.ReadAsync(), progress: progress, cancellationToken: Ct))
        {
            yielded.Add(embedding);
            Assert.InRange(source.Read - yielded.Count, 0, (3 + 1) * 10);
        }

        Assert.Equal(Enumerable.Range(0, 95), yielded.Select(e => e.Index));
        Assert.Equal((await reference.EmbedTextAsync("text number 94", cancellationToken: Ct)).ToArray(), yielded[94].GetVector().ToArray());
        Assert.Equal(10, emulator.RequestCount);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => Math.Min(i * 10, 95)), reports.Select(r => r.InputsCompleted));
        Assert.Equal(95 * 4, reports[^1].TokensUsed);
        Assert.Equal(0, reports[^1].Retries);
    }

    [Fact]
    public async Task EmbedStreamAsync_BatchFails_ThrowsBatchExceptionNamingTheRange()
    {
        var emulator = new JinaEmulator();
        emulator.Faults.PassNext(2);
        emulator.Faults.FailNext(1, HttpStatusCode.Forbidden);
        using var client = emulator.CreateClient(o => { o.MaxBatchSize = 5; o.MaxConcurrency = 1; });

        var yielded = new List<JinaEmbedding>();
        var ex = await Assert.ThrowsAsync<JinaBatchException>(async () =>
        {
            await foreach (var e in client.EmbedStreamAsync(new CountingSource(Texts(30)).ReadAsync(), cancellationToken: Ct))
            {
                yielded.Add(e);
            }
        });

        Assert.Equal(10, yielded.Count);
        Assert.Equal([new InputRange(10, 5)], ex.FailedRanges);
        Assert.Contains("Inputs 0..9 were already yielded", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmbedStreamAsync_LateChunking_IsRefused()
    {
        using var client = new JinaEmulator().CreateClient(o => o.DefaultModel = JinaModels.EmbeddingsV3);

        await Assert.ThrowsAsync<ArgumentException>(async () =>
        {
            await foreach (var _ in client.EmbedStreamAsync(new CountingSource(["a"]).ReadAsync(), new EmbeddingOptions { LateChunking = true }, cancellationToken: Ct))
            {
            }
        });
    }

    [Fact]
    public async Task TokensPerMinute_RequestAboveTheWholeBudget_IsClampedNotRefused()
    {
        using var client = new JinaEmulator().CreateClient(o => { o.TokensPerMinute = 5; o.RequestsPerMinute = 100; });

        var vector = await client.EmbedTextAsync("one two three four five six seven eight nine ten", cancellationToken: Ct);

        Assert.Equal(768, vector.Length);
    }

    [Theory]
    [InlineData(nameof(JinaClientOptions.MaxBatchSize))]
    [InlineData(nameof(JinaClientOptions.MaxConcurrency))]
    [InlineData(nameof(JinaClientOptions.MaxTokensPerRequest))]
    [InlineData(nameof(JinaClientOptions.RequestsPerMinute))]
    public void Constructor_LimitOutOfRange_ThrowsNamingIt(string name)
    {
        var options = new JinaClientOptions { ApiKey = "k" };
        switch (name)
        {
            case nameof(JinaClientOptions.MaxBatchSize): options.MaxBatchSize = 0; break;
            case nameof(JinaClientOptions.MaxConcurrency): options.MaxConcurrency = 0; break;
            case nameof(JinaClientOptions.MaxTokensPerRequest): options.MaxTokensPerRequest = 0; break;
            default: options.RequestsPerMinute = -1; break;
        }

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new JinaEmbeddingClient(options));
        Assert.Contains(name, ex.Message, StringComparison.Ordinal);
    }

    private sealed class ConcurrencyProbe(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private int _inFlight;
        private int _max;
        private int _total;

        public int MaxInFlight => _max;

        public int Total => _total;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var now = Interlocked.Increment(ref _inFlight);
            Interlocked.Increment(ref _total);
            int seen;
            while (now > (seen = _max) && Interlocked.CompareExchange(ref _max, now, seen) != seen)
            {
            }

            try
            {
                await Task.Delay(20, cancellationToken);
                return await base.SendAsync(request, cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }
    }

    private sealed class CountingSource(string[] texts)
    {
        public int Read { get; private set; }

        public async IAsyncEnumerable<EmbeddingInput> ReadAsync()
        {
            foreach (var text in texts)
            {
                await Task.Yield();
                Read++;
                yield return text;
            }
        }
    }

    private sealed class SyncProgress(Action<EmbeddingProgress> report) : IProgress<EmbeddingProgress>
    {
        public void Report(EmbeddingProgress value) => report(value);
    }
}
