using System.Numerics.Tensors;
using JinaClip.Testing;
using JinaClip.Tests.TestSupport;

namespace JinaClip.Tests.Testing;

/// <summary>The emulator through the real client, in memory.</summary>
public class EmulatorBehaviourTests
{
    private static readonly byte[] TinyPng = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAABwAAAA4CAIAAABhUg/jAAAAMklEQVR4nO3MQREAMAgAoLkoFreTiSzhy4MARGe9bX99lEqlUqlUKpVKpVKpVCqVHksHaBwCA2cPf0cAAAAASUVORK5CYII=");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(JinaModels.ClipV1, 768)]
    [InlineData(JinaModels.ClipV2, 1024)]
    [InlineData(JinaModels.EmbeddingsV3, 1024)]
    [InlineData(JinaModels.EmbeddingsV4, 2048)]
    [InlineData(JinaModels.EmbeddingsV2BaseEn, 768)]
    public async Task Embed_EachModel_ReturnsUnitVectorsOfNativeSize(string model, int dims)
    {
        using var client = new JinaEmulator().CreateClient(o => o.DefaultModel = model);

        var result = await client.EmbedAsync(["a text", "another text"], cancellationToken: Ct);

        Assert.All(result, e => Assert.Equal(dims, e.Dimensions));
        Assert.All(result, e => Assert.Equal(1f, TensorPrimitives.Norm(e.GetVector().Span), 4));
        Assert.Equal(model, result.Model);
    }

    [Fact]
    public async Task Embed_EveryInputKind_RoundTripsInOrder()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateClient();
        using var file = new TempFile(TinyPng);
        using var stream = new MemoryStream(TinyPng);

        var result = await client.EmbedAsync(
            ["Bridge close-shot", EmbeddingInput.FromImageUrl("https://example.com/bridge.jpg"), EmbeddingInput.FromImageBytes(TinyPng),
             EmbeddingInput.FromImageFile(file.Path), EmbeddingInput.FromImageStream(stream)],
            cancellationToken: Ct);

        Assert.Equal(5, result.Count);
        // The same image bytes, however they were given, give the same vector.
        Assert.Equal(result[2].GetVector().ToArray(), result[3].GetVector().ToArray());
        Assert.Equal(result[2].GetVector().ToArray(), result[4].GetVector().ToArray());
        Assert.NotEqual(result[0].GetVector().ToArray(), result[1].GetVector().ToArray());
        Assert.Equal(new EmbeddingUsage(3 + 4000, 3 + 4000, 4000), result.Usage);
    }

    [Fact]
    public async Task Embed_SameInputTwice_IsDeterministic_DifferentInputsDiffer()
    {
        using var first = new JinaEmulator().CreateClient();
        using var second = new JinaEmulator().CreateClient();

        var a = await first.EmbedTextAsync("a red dog", cancellationToken: Ct);
        var b = await second.EmbedTextAsync("a red dog", cancellationToken: Ct);
        var c = await second.EmbedTextAsync("a blue cat", cancellationToken: Ct);

        Assert.Equal(a.ToArray(), b.ToArray());
        Assert.True(VectorMath.CosineSimilarity(a.Span, c.Span) < 0.5f);
    }

    [Theory]
    [InlineData(EmbeddingType.Float)]
    [InlineData(EmbeddingType.Base64)]
    [InlineData(null)]
    public async Task Embed_FloatTransports_GiveTheSameVector(EmbeddingType? type)
    {
        using var client = new JinaEmulator().CreateClient();
        var expected = await client.EmbedTextAsync("hello", new EmbeddingOptions { EmbeddingType = EmbeddingType.Float }, Ct);

        var actual = await client.EmbedTextAsync("hello", new EmbeddingOptions { EmbeddingType = type }, Ct);

        Assert.Equal(expected.ToArray(), actual.ToArray());
    }

    [Fact]
    public async Task Embed_BinaryAndUbinary_PackTheSignsOfTheFloatVector()
    {
        using var client = new JinaEmulator().CreateClient();
        var floats = await client.EmbedTextAsync("hello", cancellationToken: Ct);

        var binary = await client.EmbedAsync("hello", new EmbeddingOptions { EmbeddingType = EmbeddingType.Binary }, Ct);
        var ubinary = await client.EmbedAsync("hello", new EmbeddingOptions { EmbeddingType = EmbeddingType.UBinary }, Ct);

        Assert.Equal(96, binary.GetPackedBits().Length);
        Assert.Equal(binary.GetPackedBits().ToArray(), ubinary.GetPackedBits().ToArray());
        Assert.Equal(floats.ToArray().Select(v => v > 0), binary.UnpackBits());
    }

    [Fact]
    public async Task Embed_Dimensions_TruncatesAndRenormalises()
    {
        using var client = new JinaEmulator().CreateClient(o => o.DefaultModel = JinaModels.ClipV2);
        var full = await client.EmbedTextAsync("hello", cancellationToken: Ct);

        var truncated = await client.EmbedTextAsync("hello", new EmbeddingOptions { Dimensions = 64 }, Ct);

        Assert.Equal(64, truncated.Length);
        Assert.Equal(1f, TensorPrimitives.Norm(truncated.Span), 4);
        Assert.Equal(1f, VectorMath.CosineSimilarity(full.Span[..64], truncated.Span), 4);
    }

    [Fact]
    public async Task Embed_NormalizedFalse_ReturnsANonUnitVectorInTheSameDirection()
    {
        using var client = new JinaEmulator().CreateClient();
        var unit = await client.EmbedTextAsync("hello", cancellationToken: Ct);

        var raw = await client.EmbedTextAsync("hello", new EmbeddingOptions { Normalized = false }, Ct);

        Assert.NotEqual(1f, TensorPrimitives.Norm(raw.Span), 2);
        Assert.Equal(1f, VectorMath.CosineSimilarity(unit.Span, raw.Span), 4);
    }

    [Fact]
    public async Task Embed_Usage_CountsAboutOnePointOneTokensPerWord()
    {
        using var client = new JinaEmulator().CreateClient();

        var result = await client.EmbedAsync(["one two three four five six seven eight nine ten", "x"], cancellationToken: Ct);

        Assert.Equal(new EmbeddingUsage(11 + 2, 11 + 2), result.Usage);
    }

    [Fact]
    public async Task Requests_AreRecordedWithTheKeyMasked()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateClient(o => o.ApiKey = JinaMock.Key);

        await client.EmbedTextAsync("hello", cancellationToken: Ct);

        var recorded = Assert.Single(emulator.Requests);
        Assert.Equal("POST", recorded.Method);
        Assert.Equal("/v1/embeddings", recorded.Path);
        Assert.Equal("Bearer ***", recorded.Headers["Authorization"]);
        Assert.Equal("""{"model":"jina-clip-v1","input":[{"text":"hello"}],"embedding_type":"base64"}""", recorded.Body);
        Assert.DoesNotContain(JinaMock.Key, string.Join(' ', recorded.Headers.Values), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Embed_WrongKey_Is401WithTheApiShape()
    {
        using var client = new JinaEmulator(new JinaEmulatorOptions { ApiKey = "jina_right" }).CreateClient(o => o.ApiKey = "jina_wrong");

        var ex = await Assert.ThrowsAsync<JinaApiException>(() => client.EmbedTextAsync("a", cancellationToken: Ct));

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, ex.StatusCode);
        Assert.Equal("AUTH_INVALID_API_KEY", ex.ErrorCode);
        Assert.NotNull(ex.RequestId);
        Assert.DoesNotContain("jina_wrong", ex.Message, StringComparison.Ordinal);
    }
}
