using System.Net;
using System.Text.Json;
using JinaClip.Testing;
using JinaClip.Tests.TestSupport;
using Microsoft.Extensions.AI;

namespace JinaClip.Tests.AI;

/// <summary>Options as M.E.AI users really pass them: from JSON, in any key casing, with raw options, with new fields.</summary>
public class GeneratorOptionsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static EmbeddingGenerationOptions FromJson(string json) =>
        (EmbeddingGenerationOptions)JsonSerializer.Deserialize(json, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(EmbeddingGenerationOptions)))!;

    [Fact]
    public async Task GenerateAsync_OptionsDeserializedFromJson_JsonElementValuesAreAccepted()
    {
        var options = FromJson("""
            {"modelId":"jina-embeddings-v3","dimensions":256,
             "additionalProperties":{"task":"retrieval.query","late_chunking":false,"normalized":true,"truncate":"true"}}
            """);
        Assert.IsType<JsonElement>(options.AdditionalProperties!["task"]); // what JSON configuration really gives
        var emulator = new JinaEmulator();
        using var client = emulator.CreateClient();

        var result = await client.AsEmbeddingGenerator().GenerateAsync(["query"], options, Ct);

        Assert.Equal(256, result[0].Vector.Length);
        Assert.Equal(
            """{"model":"jina-embeddings-v3","input":["query"],"embedding_type":"base64","task":"retrieval.query","dimensions":256,"normalized":true,"late_chunking":false,"truncate":true}""",
            emulator.Requests[0].Body);
    }

    [Fact]
    public async Task GenerateAsync_AdditionalPropertyKeys_MatchCaseInsensitively_AsTheDictionaryDoes()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateClient();

        await client.AsEmbeddingGenerator(JinaModels.EmbeddingsV3).GenerateAsync(
            ["query"], new() { AdditionalProperties = new() { ["Task"] = "retrieval.query", ["TRUNCATE"] = true } }, Ct);

        Assert.Equal(
            """{"model":"jina-embeddings-v3","input":["query"],"embedding_type":"base64","task":"retrieval.query","truncate":true}""",
            emulator.Requests[0].Body);
    }

    [Fact]
    public async Task GenerateAsync_RawRepresentationFactory_Wins_MeaiOptionsFillOnlyWhatItLeftUnset()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateClient();
        var options = new EmbeddingGenerationOptions
        {
            RawRepresentationFactory = _ => new EmbeddingOptions { Model = JinaModels.EmbeddingsV3, Dimensions = 64, Task = JinaTasks.RetrievalQuery },
            ModelId = JinaModels.ClipV2,
            Dimensions = 128,
            AdditionalProperties = new() { ["task"] = JinaTasks.RetrievalPassage, ["normalized"] = false },
        };

        await client.AsEmbeddingGenerator().GenerateAsync(["x"], options, Ct);

        Assert.Equal(
            """{"model":"jina-embeddings-v3","input":["x"],"embedding_type":"base64","task":"retrieval.query","dimensions":64,"normalized":false}""",
            emulator.Requests[0].Body);
    }

    [Fact]
    public async Task GenerateAsync_UnknownKey_IsForwardedAsARawField_AndAStrictServersRefusalNamesIt()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateClient();

        var ex = await Assert.ThrowsAsync<JinaApiException>(() => client.AsEmbeddingGenerator().GenerateAsync(
            ["x"], new() { AdditionalProperties = new() { ["user"] = "me" } }, Ct));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, ex.StatusCode);
        Assert.Contains(ex.FieldErrors, e => e.Field == "body -> jina-clip-v1 -> user" && e.Type == "extra_forbidden");
        Assert.Equal("""{"model":"jina-clip-v1","input":[{"text":"x"}],"embedding_type":"base64","user":"me"}""", emulator.Requests[0].Body);
    }

    [Fact]
    public async Task GenerateAsync_UnknownKeys_OfEveryJsonKind_GoOnTheWireAsGiven()
    {
        using var mock = new JinaMock((_, body) => JinaMock.Json(Responses.ForRequest(body)));
        using var client = mock.CreateClient();
        var fromJson = FromJson("""{"additionalProperties":{"priority":3,"tags":["a","b"]}}""");
        fromJson.AdditionalProperties!["ratio"] = 0.5;
        fromJson.AdditionalProperties["beta"] = true;
        fromJson.AdditionalProperties["nothing"] = null;

        await client.AsEmbeddingGenerator().GenerateAsync(["x"], fromJson, Ct);

        Assert.Equal(
            """{"model":"jina-clip-v1","input":[{"text":"x"}],"embedding_type":"base64","priority":3,"tags":["a","b"],"ratio":0.5,"beta":true,"nothing":null}""",
            mock.LastBody);
    }

    [Theory]
    [InlineData("dimensions")]
    [InlineData("Model")]
    [InlineData("input")]
    [InlineData("embedding_type")]
    public async Task GenerateAsync_AFieldTheGeneratorWrites_IsRefusedBeforeSending(string key)
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateClient();

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.AsEmbeddingGenerator().GenerateAsync(
            ["x"], new() { AdditionalProperties = new() { [key] = 64 } }, Ct));

        Assert.StartsWith($"Additional property '{key}' is a field the generator writes itself", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, emulator.RequestCount);
    }

    [Fact]
    public async Task GenerateAsync_JsonValueOfTheWrongKind_NamesTheKeyAndTheJson()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateClient();

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.AsEmbeddingGenerator(JinaModels.EmbeddingsV3).GenerateAsync(
            ["x"], FromJson("""{"additionalProperties":{"task":3}}"""), Ct));

        Assert.StartsWith("Additional property 'task' is the JSON number 3; expected a string", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, emulator.RequestCount);
    }

    [Fact]
    public async Task GenerateAsync_AValueThatCannotBeWrittenWithoutReflection_IsRefusedNamingItsType()
    {
        using var client = new JinaEmulator().CreateClient();

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.AsEmbeddingGenerator().GenerateAsync(
            ["x"], new() { AdditionalProperties = new() { ["when"] = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc) } }, Ct));

        Assert.StartsWith("Additional property 'when' holds a DateTime", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AsEmbeddingGenerator_DefaultDimensionsTheModelDoesNotTake_FailsWhenCreated()
    {
        using var client = new JinaEmulator().CreateClient();

        var noDimensions = Assert.Throws<ArgumentException>(() => client.AsEmbeddingGenerator(JinaModels.ClipV1, dimensions: 256));
        var tooMany = Assert.Throws<ArgumentOutOfRangeException>(() => client.AsImageEmbeddingGenerator(JinaModels.ClipV2, dimensions: 4096));

        Assert.StartsWith("The model 'jina-clip-v1' does not accept 'dimensions' (its vectors are always 768 long)", noDimensions.Message, StringComparison.Ordinal);
        Assert.Equal("dimensions", noDimensions.ParamName);
        Assert.Contains("accepts dimensions from 1 to 1024; 4096 is out of range", tooMany.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AsEmbeddingGenerator_DefaultDimensions_WithValidationOff_AreLeftToTheServer()
    {
        using var client = new JinaEmulator().CreateClient(o => o.ValidateRequests = false);

        var generator = client.AsEmbeddingGenerator(JinaModels.ClipV1, dimensions: 256);

        Assert.Equal(256, generator.GetService<EmbeddingGeneratorMetadata>()!.DefaultModelDimensions);
    }

    [Fact]
    public async Task GenerateAsync_ResponseWithoutUsage_UsageIsNull_NotZeros()
    {
        var vector = Responses.Base64(Responses.Vector(768, 1));
        using var mock = new JinaMock((_, _) => JinaMock.Json($$"""{"model":"jina-clip-v1","object":"list","data":[{"object":"embedding","index":0,"embedding":"{{vector}}"}]}"""));
        using var client = mock.CreateClient();

        var result = await client.AsEmbeddingGenerator().GenerateAsync(["x"], cancellationToken: Ct);

        Assert.Single(result);
        Assert.Null(result.Usage);
    }
}
