using JinaClip.Tests.TestSupport;

namespace JinaClip.Tests.Wire;

public class WireFormatTests
{
    // A PNG signature and three bytes: enough to be recognised as an image, and short enough to read on the wire.
    private static readonly byte[] TinyImage = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x01, 0x02, 0x03];
    private const string TinyImageBase64 = "iVBORw0KGgoBAgM=";

    [Fact]
    public async Task EmbedAsync_TextAndImageUrl_WritesLaunchPostShape()
    {
        using var mock = new JinaMock();
        using var client = mock.CreateClient();

        await client.EmbedAsync(["Bridge close-shot", EmbeddingInput.FromImageUrl("https://picsum.photos/id/84/1280/848?x=1&y=2")], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(
            """{"model":"jina-clip-v1","input":[{"text":"Bridge close-shot"},{"image":"https://picsum.photos/id/84/1280/848?x=1&y=2"}],"embedding_type":"base64"}""",
            mock.LastBody);
    }

    [Fact]
    public async Task EmbedAsync_ImageBytesFileAndStream_SendRawBase64WithoutDataUriPrefix()
    {
        using var mock = new JinaMock();
        using var client = mock.CreateClient();
        using var file = new TempFile(TinyImage);
        using var stream = new MemoryStream(TinyImage);

        await client.EmbedAsync(
            [EmbeddingInput.FromImageBytes(TinyImage), EmbeddingInput.FromImageFile(file.Path), EmbeddingInput.FromImageStream(stream)],
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(
            $$"""{"model":"jina-clip-v1","input":[{"image":"{{TinyImageBase64}}"},{"image":"{{TinyImageBase64}}"},{"image":"{{TinyImageBase64}}"}],"embedding_type":"base64"}""",
            mock.LastBody);
    }

    [Fact]
    public async Task EmbedAsync_MixedInputs_KeepTheirPositions()
    {
        using var mock = new JinaMock();
        using var client = mock.CreateClient();

        await client.EmbedAsync(
            [EmbeddingInput.FromImageBytes(TinyImage), "first text", EmbeddingInput.FromImageUrl("https://example.com/a.jpg"), "second text"],
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(
            $$"""{"model":"jina-clip-v1","input":[{"image":"{{TinyImageBase64}}"},{"text":"first text"},{"image":"https://example.com/a.jpg"},{"text":"second text"}],"embedding_type":"base64"}""",
            mock.LastBody);
    }

    [Fact]
    public async Task EmbedAsync_NonAsciiAndQuotes_AreWrittenAsUtf8Json()
    {
        using var mock = new JinaMock();
        using var client = mock.CreateClient();

        await client.EmbedAsync(["Bio-Hautpflege für \"empfindliche\" Haut\n针对"], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(
            """{"model":"jina-clip-v1","input":[{"text":"Bio-Hautpflege für \"empfindliche\" Haut\n针对"}],"embedding_type":"base64"}""",
            mock.LastBody);
    }

    [Fact]
    public async Task EmbedAsync_EmbeddingTypeFloat_AsksForFloat()
    {
        using var mock = new JinaMock((_, _) => JinaMock.Json("""{"model":"jina-clip-v1","usage":{"total_tokens":1},"data":[{"index":0,"embedding":[0.5,0.25]}]}"""));
        using var client = mock.CreateClient(o => o.DefaultModel = "custom-model");

        await client.EmbedAsync("a", new EmbeddingOptions { EmbeddingType = EmbeddingType.Float }, TestContext.Current.CancellationToken);

        Assert.Equal("""{"model":"custom-model","input":[{"text":"a"}],"embedding_type":"float"}""", mock.LastBody);
    }

    [Theory]
    [InlineData(EmbeddingType.Float, "float")]
    [InlineData(EmbeddingType.Base64, "base64")]
    [InlineData(EmbeddingType.Binary, "binary")]
    [InlineData(EmbeddingType.UBinary, "ubinary")]
    public async Task EmbedAsync_EmbeddingType_IsWrittenAsEmbeddingType(EmbeddingType type, string wire)
    {
        using var mock = new JinaMock((_, _) => JinaMock.Json("""{"model":"m","usage":{"total_tokens":1},"data":[{"index":0,"embedding":[1,2]}]}"""));
        using var client = mock.CreateClient(o => o.DefaultModel = "m");

        await client.EmbedAsync("a", new EmbeddingOptions { EmbeddingType = type }, TestContext.Current.CancellationToken);

        Assert.Equal($$"""{"model":"m","input":[{"text":"a"}],"embedding_type":"{{wire}}"}""", mock.LastBody);
        Assert.DoesNotContain("encoding", mock.LastBody, StringComparison.Ordinal);
    }

    public static TheoryData<string, EmbeddingOptions, string> AcceptedFieldsByModel() => new()
    {
        {
            JinaModels.ClipV1, new EmbeddingOptions { Normalized = false, Truncate = true },
            """{"model":"jina-clip-v1","input":[{"text":"q"}],"embedding_type":"base64","normalized":false,"truncate":true}"""
        },
        {
            JinaModels.ClipV2, new EmbeddingOptions { Task = JinaTasks.RetrievalQuery, Dimensions = 512, Normalized = true, Truncate = false },
            """{"model":"jina-clip-v2","input":[{"text":"q"}],"embedding_type":"base64","task":"retrieval.query","dimensions":512,"normalized":true,"truncate":false}"""
        },
        {
            JinaModels.EmbeddingsV2BaseEn, new EmbeddingOptions { Normalized = true, Truncate = true },
            """{"model":"jina-embeddings-v2-base-en","input":["q"],"embedding_type":"base64","normalized":true,"truncate":true}"""
        },
        {
            JinaModels.EmbeddingsV3, new EmbeddingOptions { Task = JinaTasks.RetrievalPassage, Dimensions = 256, Normalized = false, LateChunking = true, Truncate = true },
            """{"model":"jina-embeddings-v3","input":["q"],"embedding_type":"base64","task":"retrieval.passage","dimensions":256,"normalized":false,"late_chunking":true,"truncate":true}"""
        },
        {
            JinaModels.EmbeddingsV4, new EmbeddingOptions { Task = JinaTasks.CodeQuery, Dimensions = 2048, LateChunking = false, Truncate = true },
            """{"model":"jina-embeddings-v4","input":[{"text":"q"}],"embedding_type":"base64","task":"code.query","dimensions":2048,"late_chunking":false,"truncate":true}"""
        },
        {
            JinaModels.EmbeddingsV5TextSmall, new EmbeddingOptions { Task = JinaTasks.Clustering, Dimensions = 64, Normalized = true, Truncate = true },
            """{"model":"jina-embeddings-v5-text-small","input":["q"],"embedding_type":"base64","task":"clustering","dimensions":64,"normalized":true,"truncate":true}"""
        },
        {
            JinaModels.CodeEmbeddings500M, new EmbeddingOptions { Task = "nl2code.passage", Dimensions = 896, Truncate = true },
            """{"model":"jina-code-embeddings-0.5b","input":["q"],"embedding_type":"base64","task":"nl2code.passage","dimensions":896,"truncate":true}"""
        },
        {
            "some-future-model", new EmbeddingOptions { Task = "anything", Dimensions = 3, Normalized = true, LateChunking = true, Truncate = false },
            """{"model":"some-future-model","input":[{"text":"q"}],"embedding_type":"base64","task":"anything","dimensions":3,"normalized":true,"late_chunking":true,"truncate":false}"""
        },
    };

    [Theory]
    [MemberData(nameof(AcceptedFieldsByModel))]
    public async Task EmbedAsync_EachModelFamily_WritesOnlyTheFieldsItAccepts(string model, EmbeddingOptions options, string expected)
    {
        using var mock = new JinaMock();
        using var client = mock.CreateClient();
        options.Model = model;

        await client.EmbedAsync("q", options, TestContext.Current.CancellationToken);

        Assert.Equal(expected, mock.LastBody);
    }

    [Fact]
    public async Task EmbedAsync_NoOptions_WritesNoOptionalFields()
    {
        using var mock = new JinaMock();
        using var client = mock.CreateClient(o => o.DefaultModel = JinaModels.EmbeddingsV3);

        await client.EmbedAsync(new[] { "a", "b" }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("""{"model":"jina-embeddings-v3","input":["a","b"],"embedding_type":"base64"}""", mock.LastBody);
    }

    [Fact]
    public async Task EmbedAsync_Headers_CarryBearerKeyAndJsonTypes()
    {
        using var mock = new JinaMock();
        using var client = mock.CreateClient();

        await client.EmbedTextAsync("a", cancellationToken: TestContext.Current.CancellationToken);

        var request = Assert.Single(mock.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal(new Uri(JinaMock.EmbeddingsUrl), request.RequestUri);
        Assert.Equal("Bearer", request.Headers.Authorization!.Scheme);
        Assert.Equal(JinaMock.Key, request.Headers.Authorization.Parameter);
        Assert.Contains(request.Headers.Accept, a => a.MediaType == "application/json");
        Assert.Equal("application/json", request.Content!.Headers.ContentType!.MediaType);
        Assert.Contains(request.Headers.UserAgent, u => u.Product?.Name == "JinaClip");
    }

    [Theory]
    [InlineData("https://proxy.example.com/jina", "https://proxy.example.com/jina/v1/embeddings")]
    [InlineData("https://proxy.example.com/jina/", "https://proxy.example.com/jina/v1/embeddings")]
    [InlineData("http://localhost:5000/", "http://localhost:5000/v1/embeddings")]
    [InlineData("http://127.0.0.1:8080", "http://127.0.0.1:8080/v1/embeddings")]
    public async Task EmbedAsync_CustomEndpoint_PostsToItsEmbeddingsPath(string endpoint, string expected)
    {
        using var mock = new JinaMock();
        using var client = mock.CreateClient(o => o.Endpoint = new Uri(endpoint));

        await client.EmbedTextAsync("a", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(new Uri(expected), Assert.Single(mock.Requests).RequestUri);
    }
}
