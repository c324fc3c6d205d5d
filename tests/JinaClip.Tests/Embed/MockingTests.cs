using Microsoft.Extensions.AI;

namespace JinaClip.Tests.Embed;

/// <summary>A subclass built with the protected constructor works wherever the SDK hands the client on.</summary>
public class MockingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class FakeClient : JinaEmbeddingClient
    {
        public List<EmbeddingInput> Seen { get; } = [];

        public override Task<JinaEmbeddingCollection> EmbedAsync(IEnumerable<EmbeddingInput> inputs, EmbeddingOptions? options = null, CancellationToken cancellationToken = default)
        {
            var list = inputs.ToList();
            Seen.AddRange(list);
            var embeddings = list.Select((_, i) => JinaClipModelFactory.Embedding(i, new[] { i + 1f, 0f }));
            return Task.FromResult(JinaClipModelFactory.EmbeddingCollection(embeddings, options?.Model ?? DefaultModel, JinaClipModelFactory.EmbeddingUsage(totalTokens: 7)));
        }
    }

    [Fact]
    public async Task AsEmbeddingGenerator_OnASubclass_UsesTheOverride()
    {
        using var fake = new FakeClient();
        using var generator = fake.AsEmbeddingGenerator();

        var result = await generator.GenerateAsync(["a", "b"], cancellationToken: Ct);

        Assert.Equal([1f, 2f], result.Select(e => e.Vector.Span[0]));
        Assert.Equal(7, result.Usage?.TotalTokenCount);
        Assert.Equal(["a", "b"], fake.Seen.Select(i => i.Value));
        var metadata = generator.GetService<EmbeddingGeneratorMetadata>();
        Assert.Equal("jina", metadata?.ProviderName);
        Assert.Equal(new Uri("https://api.jina.ai/v1/embeddings"), metadata?.ProviderUri);
        Assert.Equal(JinaModels.ClipV1, metadata?.DefaultModelId);
    }

    [Fact]
    public async Task AsImageEmbeddingGenerator_OnASubclass_UsesTheOverride()
    {
        using var fake = new FakeClient();
        using var generator = fake.AsImageEmbeddingGenerator();

        var result = await generator.GenerateAsync([new DataContent(new byte[] { 1, 2, 3 }, "image/png")], cancellationToken: Ct);

        Assert.Single(result);
        Assert.Equal(EmbeddingInputKind.ImageBytes, Assert.Single(fake.Seen).Kind);
    }

    [Fact]
    public async Task EveryPublicVirtualConvenience_OnASubclass_GoesThroughTheOverriddenCollectionCall()
    {
        using var fake = new FakeClient();

        Assert.Equal(1f, (await fake.EmbedTextAsync("a", cancellationToken: Ct)).Span[0]);
        Assert.Equal(1f, (await fake.EmbedImageAsync(EmbeddingInput.FromImageUrl("https://example.com/a.png"), cancellationToken: Ct)).Span[0]);
        Assert.Equal(0, (await fake.EmbedAsync("a", cancellationToken: Ct)).Index);
        Assert.Equal(2, (await fake.EmbedAsync(new[] { "a", "b" }, cancellationToken: Ct)).Count);
        Assert.Equal("JinaEmbeddingClient { Endpoint = https://api.jina.ai/v1/embeddings, DefaultModel = jina-clip-v1 }", fake.ToString());
        Assert.Equal(5, fake.Seen.Count);
    }

    [Fact]
    public async Task EmbedStreamAsync_OnASubclass_GoesThroughTheOverrideInChunks_WithStreamIndices()
    {
        using var fake = new FakeClient();
        var reports = new List<EmbeddingProgress>();

        var streamed = new List<JinaEmbedding>();
        await foreach (var e in fake.EmbedStreamAsync(Texts(1030), progress: new SyncProgress(reports), cancellationToken: Ct))
        {
            streamed.Add(e);
        }

        Assert.Equal(Enumerable.Range(0, 1030), streamed.Select(e => e.Index));
        Assert.Equal(1030, fake.Seen.Count);
        Assert.Equal([512, 1024, 1030], reports.Select(r => r.InputsCompleted));
        Assert.Equal([7L, 14L, 21L], reports.Select(r => r.TokensUsed));
        Assert.Equal(1f, streamed[512].GetVector().Span[0]);   // the first of the second chunk: the fake's index 0
    }

    [Fact]
    public async Task EmbedAsync_OnASubclassThatOverridesNothing_ThrowsNotSupported_NamingTheOverride()
    {
        using var bare = new BareClient();

        var ex = await Assert.ThrowsAsync<NotSupportedException>(() => bare.EmbedTextAsync("a", cancellationToken: Ct));

        Assert.Contains("Override EmbedAsync(IEnumerable<EmbeddingInput>", ex.Message, StringComparison.Ordinal);
    }

    private static async IAsyncEnumerable<EmbeddingInput> Texts(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await Task.Yield();
            yield return $"text {i}";
        }
    }

    private sealed class BareClient : JinaEmbeddingClient;

    private sealed class SyncProgress(List<EmbeddingProgress> reports) : IProgress<EmbeddingProgress>
    {
        public void Report(EmbeddingProgress value) => reports.Add(value);
    }
}
