using System.Net;
using JinaClip.Testing;
using JinaClip.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace JinaClip.Tests.Pipeline;

/// <summary>Retries against the loopback emulator's faults, on a fake clock: nothing sleeps.</summary>
public sealed class RetryTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new();
    private JinaEmulatorServer _server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private JinaEmulator Emulator => _server.Emulator;

    public async ValueTask InitializeAsync() =>
        _server = await JinaEmulatorServer.StartAsync(new JinaEmulator(new JinaEmulatorOptions { ApiKey = "jina_retry" }), cancellationToken: Ct);

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private JinaEmbeddingClient Client(Action<JinaClientOptions>? configure = null)
    {
        var options = new JinaClientOptions
        {
            ApiKey = "jina_retry",
            Endpoint = _server.BaseAddress,
            TimeProvider = _clock,
            // Loopback requests take real time; only the retry waits run on the fake clock.
            NetworkTimeout = Timeout.InfiniteTimeSpan,
        };
        configure?.Invoke(options);
        return new JinaEmbeddingClient(options);
    }

    private static async Task<JinaEmbeddingCollection> Reference(params string[] texts)
    {
        using var client = new JinaEmulator().CreateClient();
        return await client.EmbedAsync(texts.Select(t => (EmbeddingInput)t), cancellationToken: Ct);
    }

    private static void AssertSameVectors(JinaEmbeddingCollection expected, JinaEmbeddingCollection actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(i, actual[i].Index);
            Assert.Equal(expected[i].GetVector().ToArray(), actual[i].GetVector().ToArray());
        }
    }

    [Fact]
    public async Task RetryAfter429_SucceedsInTwoAttempts_WithTheVectorsOfAnUnfailedCall()
    {
        // The exact wait (the header's 7 s, not the backoff) is asserted in RetryDelayTests.
        Emulator.Faults.FailNext(1, HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(7));
        using var client = Client(o => o.Retry.BaseDelay = TimeSpan.FromMilliseconds(100));

        var call = client.EmbedAsync(["a", "b"], cancellationToken: Ct);
        await Clock.Until(() => Emulator.RequestCount == 1);
        await Clock.DriveUntil(_clock, () => Emulator.RequestCount == 2);

        var result = await call.WaitAsync(TimeSpan.FromSeconds(20), Ct);
        Assert.Equal(2, Emulator.RequestCount);
        AssertSameVectors(await Reference("a", "b"), result);
    }

    [Fact]
    public async Task Two503s_ThenSuccess_InThreeAttempts()
    {
        Emulator.Faults.FailNext(2, HttpStatusCode.ServiceUnavailable);
        using var client = Client();

        var result = await Clock.Drive(_clock, client.EmbedAsync(["a", "b", "c"], cancellationToken: Ct));

        Assert.Equal(3, Emulator.RequestCount);
        AssertSameVectors(await Reference("a", "b", "c"), result);
    }

    [Theory]
    [InlineData("reset")]
    [InlineData("truncate")]
    [InlineData("drop-one")]
    [InlineData("invalid-json")]
    [InlineData("500")]
    [InlineData("502")]
    [InlineData("504")]
    [InlineData("408")]
    public async Task TransientFault_ThenSuccess_InTwoAttempts(string fault)
    {
        switch (fault)
        {
            case "reset": Emulator.Faults.ResetNext(); break;
            case "truncate": Emulator.Faults.TruncateNext(); break;
            case "drop-one": Emulator.Faults.DropOneEmbeddingNext(); break;
            case "invalid-json": Emulator.Faults.InvalidJsonNext(); break;
            default: Emulator.Faults.FailNext(1, (HttpStatusCode)int.Parse(fault, System.Globalization.CultureInfo.InvariantCulture)); break;
        }

        using var client = Client();

        var result = await Clock.Drive(_clock, client.EmbedAsync(["a", "b"], cancellationToken: Ct));

        Assert.Equal(2, Emulator.RequestCount);
        AssertSameVectors(await Reference("a", "b"), result);
    }

    [Fact]
    public async Task ShuffledData_IsNotAFailure_OneAttemptInOrder()
    {
        Emulator.Faults.ShuffleNext();
        using var client = Client();

        var result = await client.EmbedAsync(["a", "b", "c"], cancellationToken: Ct);

        Assert.Equal(1, Emulator.RequestCount);
        AssertSameVectors(await Reference("a", "b", "c"), result);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.PaymentRequired)]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.UnprocessableEntity)]
    public async Task NonTransientStatus_IsOneAttemptOnly(HttpStatusCode status)
    {
        Emulator.Faults.FailNext(1, status);
        using var client = Client();

        var ex = await Assert.ThrowsAsync<JinaApiException>(() => client.EmbedTextAsync("a", cancellationToken: Ct));

        Assert.Equal(status, ex.StatusCode);
        Assert.Equal(1, Emulator.RequestCount);
    }

    [Fact]
    public async Task PersistentFailure_StopsAfterMaxRetryAttempts()
    {
        Emulator.Faults.FailNext(10, HttpStatusCode.InternalServerError);
        using var client = Client(o => o.Retry.MaxRetryAttempts = 3);

        var ex = await Assert.ThrowsAsync<JinaApiException>(() => Clock.Drive(_clock, client.EmbedTextAsync("a", cancellationToken: Ct)));

        Assert.Equal(HttpStatusCode.InternalServerError, ex.StatusCode);
        Assert.Equal(4, Emulator.RequestCount);
    }

    [Fact]
    public async Task RetriesOff_IsOneAttempt()
    {
        Emulator.Faults.FailNext(1, HttpStatusCode.ServiceUnavailable);
        using var client = Client(o => o.Retry.MaxRetryAttempts = 0);

        await Assert.ThrowsAsync<JinaApiException>(() => client.EmbedTextAsync("a", cancellationToken: Ct));
        Assert.Equal(1, Emulator.RequestCount);
    }

    [Fact]
    public async Task CancelDuringBackoff_StopsWithoutAnotherAttempt()
    {
        Emulator.Faults.FailNext(1, HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(30));
        using var client = Client();
        using var cts = new CancellationTokenSource();

        var call = client.EmbedTextAsync("a", cancellationToken: cts.Token);
        await Clock.Until(() => Emulator.RequestCount == 1);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        _clock.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(1, Emulator.RequestCount);
    }

    [Fact]
    public async Task AttemptTimeout_IsRetried()
    {
        var emulator = new JinaEmulator();
        var handler = new HangOnceHandler(new JinaEmulatorHandler(emulator));
        using var client = new JinaEmbeddingClient(new HttpClient(handler), new JinaClientOptions
        {
            ApiKey = "k", TimeProvider = _clock, NetworkTimeout = TimeSpan.FromSeconds(10),
        });

        var vector = await Clock.Drive(_clock, client.EmbedTextAsync("a", cancellationToken: Ct));

        Assert.Equal(768, vector.Length);
        Assert.Equal(2, handler.Calls);
        Assert.Equal(1, emulator.RequestCount);
    }

    [Fact]
    public async Task Streaming_ReportsRetriesInProgress()
    {
        Emulator.Faults.FailNext(2, HttpStatusCode.ServiceUnavailable);
        using var client = Client(o => o.MaxBatchSize = 2);
        var reports = new List<EmbeddingProgress>();

        var stream = Collect(client.EmbedStreamAsync(Inputs("a", "b", "c"), progress: new Progress(reports.Add), cancellationToken: Ct));
        var yielded = await Clock.Drive(_clock, stream);

        Assert.Equal([0, 1, 2], yielded.Select(e => e.Index));
        Assert.Equal(2, reports[^1].Retries);
        Assert.Equal(3, reports[^1].InputsCompleted);
    }

    private static async IAsyncEnumerable<EmbeddingInput> Inputs(params string[] texts)
    {
        foreach (var text in texts)
        {
            await Task.Yield();
            yield return text;
        }
    }

    private static async Task<List<JinaEmbedding>> Collect(IAsyncEnumerable<JinaEmbedding> stream)
    {
        var list = new List<JinaEmbedding>();
        await foreach (var e in stream)
        {
            list.Add(e);
        }

        return list;
    }

    private sealed class Progress(Action<EmbeddingProgress> report) : IProgress<EmbeddingProgress>
    {
        public void Report(EmbeddingProgress value) => report(value);
    }

    /// <summary>Hangs on the first call until cancelled (the attempt timeout), then passes calls through.</summary>
    private sealed class HangOnceHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private int _calls;

        public int Calls => _calls;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _calls) == 1)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }
}
