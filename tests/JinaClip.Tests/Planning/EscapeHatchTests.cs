using System.Net;
using System.Text.Json;
using JinaClip.Testing;
using JinaClip.Tests.TestSupport;

namespace JinaClip.Tests.Planning;

/// <summary>The way out of the model table: raw extra fields, validation off, unknown models untouched.</summary>
public class EscapeHatchTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static JsonElement Json(string raw) => JsonDocument.Parse(raw).RootElement.Clone();

    [Fact]
    public async Task AdditionalRequestFields_AreWrittenVerbatimAfterTheSdksFields()
    {
        using var mock = new JinaMock();
        using var client = mock.CreateClient(o => o.DefaultModel = JinaModels.EmbeddingsV4);
        var options = new EmbeddingOptions
        {
            Task = JinaTasks.RetrievalQuery,
            AdditionalRequestFields = new Dictionary<string, JsonElement>
            {
                ["return_multivector"] = Json("false"),
                ["future_knob"] = Json("""{"level": 2, "tags": ["a", "é"]}"""),
            },
        };

        await client.EmbedAsync("a", options, Ct);

        Assert.Equal(
            """{"model":"jina-embeddings-v4","input":[{"text":"a"}],"embedding_type":"base64","task":"retrieval.query","return_multivector":false,"future_knob":{"level": 2, "tags": ["a", "é"]}}""",
            mock.LastBody);
    }

    [Theory]
    [InlineData("model")]
    [InlineData("input")]
    [InlineData("embedding_type")]
    [InlineData("task")]
    [InlineData("truncate")]
    public async Task AdditionalRequestFields_AFieldTheSdkWrites_IsRefusedBeforeSending(string name)
    {
        using var mock = new JinaMock();
        using var client = mock.CreateClient();
        var options = new EmbeddingOptions { AdditionalRequestFields = new Dictionary<string, JsonElement> { [name] = Json("1") } };

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.EmbedAsync("a", options, Ct));

        Assert.Contains($"'{name}', a field the SDK writes itself", ex.Message, StringComparison.Ordinal);
        Assert.Empty(mock.Requests);
    }

    [Fact]
    public async Task AdditionalRequestFields_ADefaultJsonElement_IsRefusedBeforeSending()
    {
        using var mock = new JinaMock();
        using var client = mock.CreateClient();
        var options = new EmbeddingOptions { AdditionalRequestFields = new Dictionary<string, JsonElement> { ["x"] = default } };

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.EmbedAsync("a", options, Ct));

        Assert.Contains("holds no JSON value", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidationOn_AFieldTheTableForbids_IsAnArgumentExceptionBeforeSending()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateClient();

        await Assert.ThrowsAsync<ArgumentException>(() => client.EmbedAsync("a", new EmbeddingOptions { Task = JinaTasks.RetrievalQuery }, Ct));

        Assert.Equal(0, emulator.RequestCount);
    }

    [Fact]
    public async Task ValidationOff_AFieldTheTableForbids_ReachesTheWire_AndTheServers422IsAJinaApiException()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateClient(o => { o.ValidateRequests = false; o.Retry.MaxRetryAttempts = 0; });

        var ex = await Assert.ThrowsAsync<JinaApiException>(() => client.EmbedAsync("a", new EmbeddingOptions { Task = JinaTasks.RetrievalQuery }, Ct));

        var sent = Assert.Single(emulator.Requests);
        Assert.Equal("""{"model":"jina-clip-v1","input":[{"text":"a"}],"embedding_type":"base64","task":"retrieval.query"}""", sent.Body);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, ex.StatusCode);
        var field = Assert.Single(ex.FieldErrors);
        Assert.Equal("body -> jina-clip-v1 -> task", field.Field);
        Assert.Equal("extra_forbidden", field.Type);
    }

    [Fact]
    public async Task ValidationOff_ADimensionsValueTheTableWouldRefuse_ReachesTheWire()
    {
        using var mock = new JinaMock((_, _) => JinaMock.Json("""{"model":"jina-embeddings-v3","usage":{"total_tokens":1},"data":[{"index":0,"embedding":[0.5,0.25]}]}"""));
        using var client = mock.CreateClient(o => { o.ValidateRequests = false; o.DefaultModel = JinaModels.EmbeddingsV3; });

        await Assert.ThrowsAsync<JinaInvalidResponseException>(() => client.EmbedAsync("a", new EmbeddingOptions { Dimensions = 4096, EmbeddingType = EmbeddingType.Float }, Ct));

        Assert.Equal("""{"model":"jina-embeddings-v3","input":["a"],"embedding_type":"float","dimensions":4096}""", mock.LastBody);
    }

    [Fact]
    public async Task ValidationOff_ANativeSizeTheTableDoesNotExpect_IsAccepted()
    {
        using var mock = new JinaMock((_, _) => JinaMock.Json("""{"model":"jina-embeddings-v3","usage":{"total_tokens":1},"data":[{"index":0,"embedding":[0.5,0.25]}]}"""));
        using var client = mock.CreateClient(o => { o.ValidateRequests = false; o.DefaultModel = JinaModels.EmbeddingsV3; });

        var embedding = await client.EmbedAsync("a", new EmbeddingOptions { EmbeddingType = EmbeddingType.Float }, Ct);

        Assert.Equal([0.5f, 0.25f], embedding.GetVector().ToArray());
    }

    [Fact]
    public async Task UnknownModel_EverythingSetIsSentUntouched()
    {
        using var mock = new JinaMock((_, _) => JinaMock.Json("""{"model":"jina-future-v9","usage":{"total_tokens":1},"data":[{"index":0,"embedding":[0.5,0.25]}]}"""));
        using var client = mock.CreateClient();

        await client.EmbedAsync("a", new EmbeddingOptions { Model = "jina-future-v9", Task = "anything", Dimensions = 2, LateChunking = true, EmbeddingType = EmbeddingType.Float }, Ct);

        Assert.Equal("""{"model":"jina-future-v9","input":[{"text":"a"}],"embedding_type":"float","task":"anything","dimensions":2,"late_chunking":true}""", mock.LastBody);
    }
}
