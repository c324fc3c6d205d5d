using JinaClip.Tests.TestSupport;
using System.Net;
using JinaClip.Testing;
using Microsoft.Extensions.Time.Testing;

namespace JinaClip.Tests.Testing;

/// <summary>The real client against the emulator on a loopback port, and each scripted fault.</summary>
public sealed class EmulatorServerTests : IAsyncLifetime
{
    private JinaEmulatorServer _server = null!;
    private JinaEmbeddingClient _client = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await JinaEmulatorServer.StartAsync(new JinaEmulator(new JinaEmulatorOptions { ApiKey = "jina_loopback" }), cancellationToken: Ct);
        // Retries off: these tests show what each fault looks like to a caller; Pipeline/RetryTests tests the retries.
        _client = new JinaEmbeddingClient(new JinaClientOptions { ApiKey = "jina_loopback", Endpoint = _server.BaseAddress, Retry = { MaxRetryAttempts = 0 } });
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Server_ListensOnLoopback()
    {
        Assert.Equal("127.0.0.1", _server.BaseAddress.Host);
        Assert.NotEqual(0, _server.BaseAddress.Port);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Embed_EveryInputKindAndOption_RoundTripsOverHttp()
    {
        var png = Convert.FromBase64String("R0lGODlhAQABAAAAACw=");
        var result = await _client.EmbedAsync(
            ["text", EmbeddingInput.FromImageUrl("https://example.com/a.jpg"), EmbeddingInput.FromImageBytes(png)],
            new EmbeddingOptions { Model = JinaModels.ClipV2, Dimensions = 128, Task = JinaTasks.RetrievalQuery, Normalized = true, Truncate = true },
            Ct);

        Assert.Equal(3, result.Count);
        Assert.All(result, e => Assert.Equal(128, e.Dimensions));
        Assert.Equal(2 + 8000, result.Usage.TotalTokens); // ceil(1 word × 1.1) + two clip-v2 images
        Assert.Equal(
            """{"model":"jina-clip-v2","input":[{"text":"text"},{"image":"https://example.com/a.jpg"},{"image":"R0lGODlhAQABAAAAACw="}],"embedding_type":"base64","task":"retrieval.query","dimensions":128,"normalized":true,"truncate":true}""",
            _server.Emulator.Requests[^1].Body);
    }

    [Fact]
    public async Task Embed_FileAndStreamImages_RoundTripOverHttp()
    {
        var gif = Convert.FromBase64String("R0lGODlhAQABAAAAACw=");
        using var file = new TestSupport.TempFile(gif);
        using var stream = new MemoryStream(gif);

        var result = await _client.EmbedAsync([EmbeddingInput.FromImageFile(file.Path), EmbeddingInput.FromImageStream(stream), EmbeddingInput.FromImageBytes(gif)], cancellationToken: Ct);

        Assert.Equal(result[0].GetVector().ToArray(), result[1].GetVector().ToArray());
        Assert.Equal(result[0].GetVector().ToArray(), result[2].GetVector().ToArray());
        Assert.Equal(
            """{"model":"jina-clip-v1","input":[{"image":"R0lGODlhAQABAAAAACw="},{"image":"R0lGODlhAQABAAAAACw="},{"image":"R0lGODlhAQABAAAAACw="}],"embedding_type":"base64"}""",
            _server.Emulator.Requests[^1].Body);
    }

    [Theory]
    [InlineData(EmbeddingType.Float)]
    [InlineData(EmbeddingType.Base64)]
    [InlineData(EmbeddingType.Binary)]
    [InlineData(EmbeddingType.UBinary)]
    public async Task Embed_EveryEmbeddingType_RoundTripsOverHttp(EmbeddingType type)
    {
        var reference = await _client.EmbedTextAsync("hello", new EmbeddingOptions { EmbeddingType = EmbeddingType.Float }, Ct);

        var result = await _client.EmbedAsync("hello", new EmbeddingOptions { EmbeddingType = type, Normalized = true, Truncate = false }, Ct);

        if (result.IsBinary)
        {
            Assert.Equal(reference.ToArray().Select(v => v > 0), result.UnpackBits());
        }
        else
        {
            Assert.Equal(reference.ToArray(), result.GetVector().ToArray());
        }
    }

    [Fact]
    public async Task Embed_TextOnlyModelOptions_RoundTripOverHttp()
    {
        var result = await _client.EmbedAsync(
            ["passage one", "passage two"],
            new EmbeddingOptions { Model = JinaModels.EmbeddingsV3, Task = JinaTasks.RetrievalPassage, Dimensions = 32, LateChunking = true, Normalized = false },
            Ct);

        Assert.All(result, e => Assert.Equal(32, e.Dimensions));
        Assert.Equal(
            """{"model":"jina-embeddings-v3","input":["passage one","passage two"],"embedding_type":"base64","task":"retrieval.passage","dimensions":32,"normalized":false,"late_chunking":true}""",
            _server.Emulator.Requests[^1].Body);
    }

    [Fact]
    public async Task Fault_429WithRetryAfter_SurfacesStatusCodeAndRetryAfter()
    {
        _server.Emulator.Faults.FailNext(1, HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(3));

        var ex = await Assert.ThrowsAsync<JinaApiException>(() => _client.EmbedTextAsync("a", cancellationToken: Ct));

        Assert.Equal(HttpStatusCode.TooManyRequests, ex.StatusCode);
        Assert.Equal("RATE_REQUEST_LIMIT_EXCEEDED", ex.ErrorCode);
        Assert.Equal(TimeSpan.FromSeconds(3), ex.RetryAfter);
        Assert.Equal(768, (await _client.EmbedTextAsync("a", cancellationToken: Ct)).Length);
    }

    [Fact]
    public async Task Fault_503TwiceThenSuccess_FailsTwiceThenServes()
    {
        _server.Emulator.Faults.FailNext(2, HttpStatusCode.ServiceUnavailable);

        for (var i = 0; i < 2; i++)
        {
            var ex = await Assert.ThrowsAsync<JinaApiException>(() => _client.EmbedTextAsync("a", cancellationToken: Ct));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ex.StatusCode);
        }

        Assert.Equal(768, (await _client.EmbedTextAsync("a", cancellationToken: Ct)).Length);
        Assert.Equal(0, _server.Emulator.Faults.Pending);
    }

    [Fact]
    public async Task Fault_Reset_IsAnHttpRequestException()
    {
        _server.Emulator.Faults.ResetNext();

        await Assert.ThrowsAsync<HttpRequestException>(() => _client.EmbedTextAsync("a", cancellationToken: Ct));
    }

    [Fact]
    public async Task Fault_TruncatedBody_IsAnHttpRequestException()
    {
        _server.Emulator.Faults.TruncateNext();

        await Assert.ThrowsAsync<HttpRequestException>(() => _client.EmbedTextAsync("a", cancellationToken: Ct));
    }

    [Fact]
    public async Task Fault_OneEmbeddingTooFew_IsAnInvalidResponseNamingTheCount()
    {
        _server.Emulator.Faults.DropOneEmbeddingNext();

        var ex = await Assert.ThrowsAsync<JinaInvalidResponseException>(() => _client.EmbedAsync(["a", "b", "c"], cancellationToken: Ct));

        Assert.Contains("holds 2 embeddings for 3 inputs", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fault_ShuffledData_StillReturnsInputOrder()
    {
        var expected = await _client.EmbedAsync(["a", "b", "c"], cancellationToken: Ct);
        _server.Emulator.Faults.ShuffleNext();

        var shuffled = await _client.EmbedAsync(["a", "b", "c"], cancellationToken: Ct);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(expected[i].GetVector().ToArray(), shuffled[i].GetVector().ToArray());
        }
    }

    [Fact]
    public async Task Fault_InvalidJson_IsAnInvalidResponse()
    {
        _server.Emulator.Faults.InvalidJsonNext();

        var ex = await Assert.ThrowsAsync<JinaInvalidResponseException>(() => _client.EmbedTextAsync("a", cancellationToken: Ct));

        Assert.Contains("not valid JSON", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fault_Latency_DelaysTheResponseByTheClock()
    {
        var clock = new TimerWatchingClock();
        var emulator = new JinaEmulator(new JinaEmulatorOptions { TimeProvider = clock });
        emulator.Faults.Latency = TimeSpan.FromSeconds(5);
        using var client = emulator.CreateClient();

        var call = client.EmbedTextAsync("a", cancellationToken: Ct);
        await clock.UntilTimer(TimeSpan.FromSeconds(5));
        clock.Advance(TimeSpan.FromSeconds(5) - TimeSpan.FromTicks(1));

        // One tick short: the latency timer has not fired, and nothing else answers the call.
        Assert.Equal(0, clock.Fired(TimeSpan.FromSeconds(5)));
        Assert.False(call.IsCompleted);
        clock.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(1, clock.Fired(TimeSpan.FromSeconds(5)));
        Assert.Equal(768, (await call).Length);
    }

    [Fact]
    public async Task Fault_Truncated_InMemory_IsAnInvalidResponse()
    {
        var emulator = new JinaEmulator();
        emulator.Faults.TruncateNext();
        using var client = emulator.CreateClient(o => o.Retry.MaxRetryAttempts = 0);

        await Assert.ThrowsAsync<JinaInvalidResponseException>(() => client.EmbedTextAsync("a", cancellationToken: Ct));
    }

    [Fact]
    public async Task Fault_Reset_InMemory_IsAnHttpRequestException()
    {
        var emulator = new JinaEmulator();
        emulator.Faults.ResetNext();
        using var client = emulator.CreateClient(o => o.Retry.MaxRetryAttempts = 0);

        await Assert.ThrowsAsync<HttpRequestException>(() => client.EmbedTextAsync("a", cancellationToken: Ct));
    }
}
