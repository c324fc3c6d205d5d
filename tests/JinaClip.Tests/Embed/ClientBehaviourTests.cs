using JinaClip.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace JinaClip.Tests.Embed;

public class ClientBehaviourTests
{
    [Fact]
    public async Task EmbedTextAsync_ReturnsTheVector()
    {
        using var mock = new JinaMock();
        using var client = mock.CreateClient();

        var vector = await client.EmbedTextAsync("hello", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(768, vector.Length);
        Assert.Equal(Responses.Vector(768, 1), vector.ToArray());
    }

    [Fact]
    public async Task EmbedAsync_Texts_ReturnsVectorsInOrderWithModelAndUsage()
    {
        using var mock = new JinaMock();
        using var client = mock.CreateClient();

        IEnumerable<string> texts = ["a", "b", "c"];
        var result = await client.EmbedAsync(texts, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal([1f, 2f, 3f], result.Select(e => e.GetVector().Span[0]));
        Assert.Equal("jina-clip-v1", result.Model);
        Assert.NotNull(result.Usage.TotalTokens);
        Assert.Equal("""{"model":"jina-clip-v1","input":[{"text":"a"},{"text":"b"},{"text":"c"}],"embedding_type":"base64"}""", mock.LastBody);
    }

    [Fact]
    public async Task EmbedImageAsync_ReturnsTheVector()
    {
        using var mock = new JinaMock();
        using var client = mock.CreateClient();

        var vector = await client.EmbedImageAsync(EmbeddingInput.FromImageUrl("https://example.com/cat.jpg"), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(768, vector.Length);
    }

    [Fact]
    public async Task EmbedAsync_CancelledToken_ThrowsOperationCanceled()
    {
        using var mock = new JinaMock();
        using var client = mock.CreateClient();
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.EmbedAsync(["a"], cancellationToken: cts.Token));
    }

    [Fact]
    public async Task EmbedAsync_CancelledWhileWaiting_ThrowsTheCallersCancellation_NotATimeout()
    {
        using var cts = new CancellationTokenSource();
        using var handler = new HangingHandler(cts.Cancel);
        using var client = new JinaEmbeddingClient(new HttpClient(handler), new JinaClientOptions { ApiKey = JinaMock.Key });

        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.EmbedAsync(["a"], cancellationToken: cts.Token));

        Assert.Equal(cts.Token, ex.CancellationToken);
    }

    [Fact]
    public async Task EmbedAsync_NetworkTimeoutElapses_ThrowsTimeoutNamingTheOption()
    {
        var clock = new FakeTimeProvider();
        using var handler = new HangingHandler(() => clock.Advance(TimeSpan.FromSeconds(61)));
        using var client = new JinaEmbeddingClient(new HttpClient(handler), new JinaClientOptions { ApiKey = JinaMock.Key, TimeProvider = clock, Retry = { MaxRetryAttempts = 0 } });

        var ex = await Assert.ThrowsAsync<TimeoutException>(() => client.EmbedAsync(["a"], cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("NetworkTimeout", ex.Message, StringComparison.Ordinal);
        Assert.Contains("60 s", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Client_IsMockable_ThroughProtectedConstructorAndVirtualMethods()
    {
        JinaEmbeddingClient client = new FakeClient();

        var vector = await client.EmbedTextAsync("anything", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal([42f], vector.ToArray());
    }

    [Fact]
    public void Collection_RejectsEmbeddingsOutOfPosition() =>
        Assert.Throws<ArgumentException>(() => new JinaEmbeddingCollection([new JinaEmbedding(1, new float[] { 1 })], "m", EmbeddingUsage.Empty));

    /// <summary>Waits until cancelled, after running <c>onSend</c>.</summary>
    private sealed class HangingHandler(Action onSend) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            onSend();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }

    private sealed class FakeClient : JinaEmbeddingClient
    {
        public override Task<ReadOnlyMemory<float>> EmbedTextAsync(string text, EmbeddingOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult<ReadOnlyMemory<float>>(new float[] { 42f });
    }
    [Fact]
    public async Task EmbedImageAsync_TextInput_Throws()
    {
        using var mock = new JinaMock();
        using var client = mock.CreateClient();

        await Assert.ThrowsAsync<ArgumentException>(() => client.EmbedImageAsync("text", cancellationToken: TestContext.Current.CancellationToken));
        Assert.Empty(mock.Requests);
    }
}
