using System.Text.Json;
using JinaClip.Testing;
using JinaClip.Tests.Images;

namespace JinaClip.Tests.Rerank;

/// <summary>The exact request JSON per reranker family, and the fields a model does not take refused before sending.</summary>
public class RerankWireTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RerankAsync_Texts_SendsOnlyWhatWasSet_AndRanksWithTheCallersIndices()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateJinaClient();
        var rerank = client.GetRerankClient();

        var result = await rerank.RerankAsync("a red bicycle", ["a banana", "a bicycle", "a red bicycle with a bell"], cancellationToken: Ct);

        Assert.Equal(
            """{"model":"jina-reranker-v2-base-multilingual","query":"a red bicycle","documents":["a banana","a bicycle","a red bicycle with a bell"]}""",
            emulator.Requests[0].Body);
        Assert.Equal("/v1/rerank", emulator.Requests[0].Path);
        Assert.Equal([2, 1, 0], result.Select(r => r.Index));
        Assert.True(result[0].RelevanceScore > result[1].RelevanceScore && result[1].RelevanceScore > result[2].RelevanceScore);
        Assert.Equal("a red bicycle with a bell", result[0].Document);
        Assert.Equal("jina-reranker-v2-base-multilingual", result.Model);
        Assert.Equal((4 + 3) + (4 + 3) + (4 + 7), result.TotalTokens); // ⌈1.1 × words⌉ of the query with each document
    }

    [Fact]
    public async Task RerankAsync_V3_WritesTopNReturnDocumentsTruncationMaxDocLengthAndReturnEmbeddings()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateJinaClient();

        var result = await client.GetRerankClient().RerankAsync("query", ["one", "two", "three"], new RerankOptions
        {
            Model = JinaModels.RerankerV3, TopN = 2, ReturnDocuments = false, Truncation = true, MaxDocumentLength = 1024, ReturnEmbeddings = true,
        }, Ct);

        Assert.Equal(
            """{"model":"jina-reranker-v3","query":"query","documents":["one","two","three"],"top_n":2,"return_documents":false,"truncation":true,"max_doc_length":1024,"return_embeddings":true}""",
            emulator.Requests[0].Body);
        Assert.Equal(2, result.Count);
        Assert.All(result, r => Assert.Null(r.Document));
        Assert.All(result, r => Assert.Equal(512, r.Embedding.Length));
    }

    [Fact]
    public async Task RerankAsync_M0_SendsImageBytesAsBase64AndUrlsAsTheyAre_InDocumentOrder()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateJinaClient();
        var png = TestImages.Png(2, 2);

        var result = await client.GetRerankClient().RerankAsync("a red square",
            ["a red square", EmbeddingInput.FromImageBytes(png), EmbeddingInput.FromImageUrl("https://example.com/red-square.png")],
            new RerankOptions { Model = JinaModels.RerankerM0 }, Ct);

        Assert.Equal(
            $$"""{"model":"jina-reranker-m0","query":"a red square","documents":["a red square",{"image":"{{Convert.ToBase64String(png)}}"},{"image":"https://example.com/red-square.png"}]}""",
            emulator.Requests[0].Body);
        Assert.Equal(3, result.Count);
        Assert.Equal([0, 1, 2], result.Select(r => r.Index).Order());
        Assert.Equal("a red square", result.Single(r => r.Index == 0).Document);
        Assert.Null(result.Single(r => r.Index == 1).Document); // the image's echo is dropped: the result refers to it by Index
        Assert.Null(result.Single(r => r.Index == 2).Document);
    }

    [Fact]
    public async Task RerankAsync_ReturnDocumentsTrue_KeepsTheImagesEchoes()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateJinaClient();
        var png = TestImages.Png(2, 2);

        var result = await client.GetRerankClient().RerankAsync("a red square",
            ["a red square", EmbeddingInput.FromImageBytes(png), EmbeddingInput.FromImageUrl("https://example.com/red-square.png")],
            new RerankOptions { Model = JinaModels.RerankerM0, ReturnDocuments = true }, Ct);

        Assert.Contains("\"return_documents\":true", emulator.Requests[0].Body, StringComparison.Ordinal);
        Assert.Equal(Convert.ToBase64String(png), result.Single(r => r.Index == 1).Document);
        Assert.Equal(result.TotalTokens, result.Usage.TotalTokens); // the same shape as embeddings: result.Usage.TotalTokens
        Assert.Equal("https://example.com/red-square.png", result.Single(r => r.Index == 2).Document);
    }

    [Fact]
    public async Task RerankAsync_ImageDocuments_GoThroughTheClientsImagePreprocessor()
    {
        var emulator = new JinaEmulator();
        var recorder = new RecordingPreprocessor();
        using var client = emulator.CreateJinaClient(o => o.ImagePreprocessor = recorder);
        var png = TestImages.Png(2, 2);

        await client.GetRerankClient().RerankAsync("q", ["text", EmbeddingInput.FromImageBytes(png)], new RerankOptions { Model = JinaModels.RerankerM0 }, Ct);

        Assert.Equal([(JinaModels.RerankerM0, png.Length)], recorder.Calls);
        Assert.Contains($"{{\"image\":\"{Convert.ToBase64String(RecordingPreprocessor.Replacement)}\"}}", emulator.Requests[0].Body, StringComparison.Ordinal);
    }

    private sealed class RecordingPreprocessor : IImagePreprocessor
    {
        public static readonly byte[] Replacement = TestImages.Png(1, 1);

        public List<(string Model, int Bytes)> Calls { get; } = [];

        public ImagePlan Plan(ImageSize original, string model) => ImagePlan.Unchanged();

        public ValueTask<PreparedImage> PrepareAsync(ReadOnlyMemory<byte> image, string model, CancellationToken cancellationToken)
        {
            lock (Calls)
            {
                Calls.Add((model, image.Length));
            }

            return new(new PreparedImage(Replacement, null, JinaClipModelFactory.ImageSize(ImageFormat.Png, 1, 1)));
        }
    }

    [Fact]
    public async Task RerankAsync_AdditionalRequestFields_AreWrittenVerbatimAfterTheSdksOwn()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateJinaClient(o => o.ValidateRequests = false);
        var options = new RerankOptions { AdditionalRequestFields = new Dictionary<string, JsonElement> { ["future_field"] = JsonDocument.Parse("""{"a":[1,2]}""").RootElement } };

        var ex = await Assert.ThrowsAsync<JinaApiException>(() => client.GetRerankClient().RerankAsync("q", ["d"], options, Ct));

        Assert.Equal("""{"model":"jina-reranker-v2-base-multilingual","query":"q","documents":["d"],"future_field":{"a":[1,2]}}""", emulator.Requests[0].Body);
        Assert.Equal(422, (int)ex.StatusCode); // the strict emulator judges the field, as the API would
        Assert.Contains("future_field", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("top_n")]
    [InlineData("documents")]
    [InlineData("truncation")]
    public async Task RerankAsync_ARawFieldTheSdkWrites_IsRefusedBeforeSending(string field)
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateJinaClient();
        var options = new RerankOptions { AdditionalRequestFields = new Dictionary<string, JsonElement> { [field] = JsonDocument.Parse("1").RootElement } };

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.GetRerankClient().RerankAsync("q", ["d"], options, Ct));

        Assert.Contains($"RerankOptions.AdditionalRequestFields has '{field}'", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, emulator.RequestCount);
    }

    public static TheoryData<string, RerankOptions, string> FieldsTheModelDoesNotTake() => new()
    {
        { "max_doc_length", new RerankOptions { Model = JinaModels.RerankerV2BaseMultilingual, MaxDocumentLength = 100 }, "jina-reranker-v2-base-multilingual does not take max_doc_length" },
        { "return_embeddings", new RerankOptions { Model = JinaModels.RerankerM0, ReturnEmbeddings = true }, "jina-reranker-m0 does not take return_embeddings" },
        { "max_doc_length range", new RerankOptions { Model = JinaModels.RerankerV3, MaxDocumentLength = 8193 }, "MaxDocumentLength must be from 1 to 8192" },
        { "top_n", new RerankOptions { TopN = 0 }, "TopN must be at least 1" },
    };

    [Theory]
    [MemberData(nameof(FieldsTheModelDoesNotTake))]
    public async Task RerankAsync_AFieldTheModelDoesNotTake_IsRefusedBeforeSending(string field, RerankOptions options, string message)
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateJinaClient();

        var ex = await Assert.ThrowsAnyAsync<ArgumentException>(() => client.GetRerankClient().RerankAsync("q", ["d"], options, Ct));

        Assert.True(ex.Message.Contains(message, StringComparison.Ordinal), $"{field}: {ex.Message}");
        Assert.Equal(0, emulator.RequestCount);
    }

    [Fact]
    public async Task RerankAsync_AnImageForATextReranker_IsRefusedBeforeSending_NamingTheDocumentAndM0()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateJinaClient();

        var ex = await Assert.ThrowsAsync<ArgumentException>(() =>
            client.GetRerankClient().RerankAsync("q", ["text", EmbeddingInput.FromImageUrl("https://example.com/a.png")], cancellationToken: Ct));

        Assert.Contains("Document 1 is an image", ex.Message, StringComparison.Ordinal);
        Assert.Contains("jina-reranker-m0", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, emulator.RequestCount);
    }

    [Fact]
    public async Task RerankAsync_WithValidationOff_AFieldTheModelDoesNotTakeReachesTheWire_AndThe422ComesBack()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateJinaClient(o => o.ValidateRequests = false);

        var ex = await Assert.ThrowsAsync<JinaApiException>(() =>
            client.GetRerankClient().RerankAsync("q", ["d"], new RerankOptions { MaxDocumentLength = 100 }, Ct));

        Assert.Contains("\"max_doc_length\":100", emulator.Requests[0].Body, StringComparison.Ordinal);
        Assert.Equal(422, (int)ex.StatusCode);
        Assert.Contains("max_doc_length", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "The query is empty")]
    [InlineData("   ", "The query is empty")]
    public async Task RerankAsync_EmptyQuery_IsRefused(string query, string message)
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateJinaClient();

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.GetRerankClient().RerankAsync(query, ["d"], cancellationToken: Ct));

        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, emulator.RequestCount);
    }

    [Fact]
    public async Task RerankAsync_NoDocumentsOrANullOne_IsRefusedNamingIt()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateJinaClient();
        var rerank = client.GetRerankClient();

        var none = await Assert.ThrowsAsync<ArgumentException>(() => rerank.RerankAsync("q", Array.Empty<string>(), cancellationToken: Ct));
        var nullOne = await Assert.ThrowsAsync<ArgumentException>(() => rerank.RerankAsync("q", ["a", null!], cancellationToken: Ct));

        Assert.Contains("at least one document", none.Message, StringComparison.Ordinal);
        Assert.Contains("Document 1 is null", nullOne.Message, StringComparison.Ordinal);
        Assert.Equal(0, emulator.RequestCount);
    }

    [Fact]
    public async Task RerankAsync_AMissingImageFile_IsRefusedBeforeSending()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateJinaClient();

        await Assert.ThrowsAsync<FileNotFoundException>(() => client.GetRerankClient().RerankAsync(
            "q", ["a", EmbeddingInput.FromImageFile("/no/such/photo.jpg")], new RerankOptions { Model = JinaModels.RerankerM0 }, Ct));

        Assert.Equal(0, emulator.RequestCount);
    }
}
