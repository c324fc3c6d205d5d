using System.Reflection;
using JinaClip.Testing;
using JinaClip.Tests.TestSupport;

namespace JinaClip.Tests.Client;

/// <summary>The root client: one connection shared by every sub-client, options copied at creation, mockable throughout.</summary>
public class RootClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetClients_ShareOneConnection_AndEachReachesItsEndpoint()
    {
        var emulator = new JinaEmulator();
        using var root = emulator.CreateJinaClient();

        var embeddings = root.GetEmbeddingsClient();
        var rerank = root.GetRerankClient();
        var models = root.GetModelsClient();
        await embeddings.EmbedTextAsync("a red bicycle", cancellationToken: Ct);
        await rerank.RerankAsync("a red bicycle", ["a bicycle", "a banana"], cancellationToken: Ct);
        await models.GetModelsAsync(Ct);

        Assert.Same(root.Connection, embeddings.Connection);
        Assert.Same(root.Connection, rerank.Connection);
        Assert.Same(root.Connection, models.Connection);
        Assert.Equal(["/v1/embeddings", "/v1/rerank", "/v1/models"], emulator.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task GetClients_CountAgainstOneRequestLimiter()
    {
        var emulator = new JinaEmulator();
        using var root = emulator.CreateJinaClient(o => o.RequestsPerMinute = 2);

        await root.GetEmbeddingsClient().EmbedTextAsync("one", cancellationToken: Ct);
        await root.GetRerankClient().RerankAsync("q", ["d"], cancellationToken: Ct);

        // The limiter is the connection's: the third request of any sub-client is queued for the next minute.
        using var third = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var pending = root.GetModelsClient().GetModelsAsync(third.Token);
        var limiter = root.Connection!.Limits.Requests!;
        await Clock.Until(() => limiter.GetStatistics()!.CurrentQueuedCount == 1);
        await third.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
        Assert.Equal(2, emulator.RequestCount);
    }

    [Fact]
    public async Task DisposingASubClient_LeavesTheRootsConnectionWorking()
    {
        var emulator = new JinaEmulator();
        using var root = emulator.CreateJinaClient();

        root.GetRerankClient().Dispose();
        root.GetModelsClient().Dispose();
        root.GetEmbeddingsClient().Dispose();
        var vector = await root.GetEmbeddingsClient().EmbedTextAsync("still open", cancellationToken: Ct);

        Assert.Equal(768, vector.Length);
    }

    [Fact]
    public async Task Options_ChangedAfterCreation_DoNotChangeTheClient()
    {
        // The emulator accepts only the key the client was created with: a client that read the changed key would get 401.
        var emulator = new JinaEmulator(new JinaEmulatorOptions { ApiKey = "jina_snapshot" });
        var options = new JinaClientOptions { ApiKey = "jina_snapshot", DefaultModel = JinaModels.ClipV1, MaxBatchSize = 2 };
        using var root = new JinaClient(emulator.CreateHttpClient(), options);
        var embeddings = root.GetEmbeddingsClient();

        options.DefaultModel = JinaModels.EmbeddingsV3;
        options.Endpoint = new Uri("https://elsewhere.example/");
        options.MaxBatchSize = 1;
        options.Retry.MaxRetryAttempts = 0;
        options.ApiKey = "jina_changed";
        await embeddings.EmbedAsync(["one", "two"], cancellationToken: Ct);

        Assert.Equal(JinaModels.ClipV1, embeddings.DefaultModel);
        Assert.Equal(JinaModels.ClipV1, root.GetEmbeddingsClient().DefaultModel);
        var request = Assert.Single(emulator.Requests);
        Assert.Contains("\"model\":\"jina-clip-v1\"", request.Body, StringComparison.Ordinal);
        Assert.Equal(new Uri("https://api.jina.ai/"), root.Endpoint);
        Assert.Equal(3, root.Connection!.Options.Retry.MaxRetryAttempts);
    }

    [Fact]
    public async Task GetRerankClient_WithItsOwnOptions_SendsItsDefaultModel()
    {
        var emulator = new JinaEmulator();
        using var root = emulator.CreateJinaClient();

        var rerank = root.GetRerankClient(new JinaRerankClientOptions { DefaultModel = JinaModels.RerankerM0 });
        await rerank.RerankAsync("q", ["d"], cancellationToken: Ct);

        Assert.Equal(JinaModels.RerankerM0, rerank.DefaultModel);
        Assert.Equal(JinaModels.RerankerV2BaseMultilingual, root.GetRerankClient().DefaultModel);
        Assert.StartsWith("{\"model\":\"jina-reranker-m0\"", emulator.Requests[0].Body, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_NamesTheEndpoint_NeverTheKey()
    {
        using var root = new JinaClient("jina_secret_key_value");

        Assert.Equal("JinaClient { Endpoint = https://api.jina.ai/ }", root.ToString());
    }

    [Fact]
    public void ProtectedConstructor_WithoutOverride_SaysHowToMock()
    {
        using var root = new EmptyRoot();

        var ex = Assert.Throws<NotSupportedException>(() => root.GetEmbeddingsClient());

        Assert.Contains("Override the Get…Client method", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARootMock_HandsOutMockSubClients()
    {
        using var root = new MockRoot();

        var result = await root.GetRerankClient().RerankAsync("q", ["a", "b"], cancellationToken: Ct);

        Assert.Equal([1, 0], result.Select(r => r.Index));
    }

    [Theory]
    [InlineData(typeof(JinaClient))]
    [InlineData(typeof(JinaEmbeddingClient))]
    [InlineData(typeof(JinaRerankClient))]
    [InlineData(typeof(JinaModelsClient))]
    public void EveryPublicMethodOfAClient_IsVirtual_AndAProtectedConstructorExists(Type client)
    {
        var notVirtual = client.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && m.Name is not nameof(IDisposable.Dispose) and not nameof(ToString))
            .Where(m => !m.IsVirtual || m.IsFinal)
            .Select(m => m.ToString())
            .ToList();

        Assert.Empty(notVirtual);
        Assert.Contains(client.GetConstructors(BindingFlags.NonPublic | BindingFlags.Instance), c => c.IsFamily && c.GetParameters().Length == 0);
    }

    private sealed class EmptyRoot : JinaClient
    {
    }

    private sealed class MockRoot : JinaClient
    {
        public override JinaRerankClient GetRerankClient(JinaRerankClientOptions? options = null) => new ReversingReranker();
    }

    private sealed class ReversingReranker : JinaRerankClient
    {
        public override Task<RerankResult> RerankAsync(string query, IEnumerable<EmbeddingInput> documents, RerankOptions? options = null, CancellationToken cancellationToken = default)
        {
            var count = documents.Count();
            var ranked = Enumerable.Range(0, count).Reverse().Select((index, rank) => JinaClipModelFactory.RankedDocument(index, 1.0 - (rank * 0.1)));
            return Task.FromResult(JinaClipModelFactory.RerankResult(ranked, DefaultModel, totalTokens: 2));
        }
    }
}
