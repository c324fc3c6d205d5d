using System.Diagnostics;
using System.Text.Json;
using JinaClip.Testing;
using JinaClip.Tests.Images;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace JinaClip.Tests.AI;

public class EmbeddingGeneratorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static JsonElement Body(JinaEmulator emulator, int request = 0) => JsonDocument.Parse(emulator.Requests[request].Body).RootElement;

    [Fact]
    public async Task TextGenerator_Batch_ReturnsVectorsInOrderWithUsageAndModel()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateClient();
        using var reference = new JinaEmulator().CreateClient();
        var generator = client.AsEmbeddingGenerator();

        var result = await generator.GenerateAsync(["a red dog", "a bridge at night"], cancellationToken: Ct);

        Assert.Equal(2, result.Count);
        Assert.Equal((await reference.EmbedTextAsync("a bridge at night", cancellationToken: Ct)).ToArray(), result[1].Vector.ToArray());
        Assert.All(result, e => Assert.Equal("jina-clip-v1", e.ModelId));
        Assert.Equal(9, result.Usage!.InputTokenCount); // ⌈3.3⌉ + ⌈4.4⌉
        Assert.Equal(9, result.Usage.TotalTokenCount);
        Assert.Equal("""{"model":"jina-clip-v1","input":[{"text":"a red dog"},{"text":"a bridge at night"}],"embedding_type":"base64"}""", emulator.Requests[0].Body);
    }

    [Fact]
    public async Task GenerateAsync_CreatedAt_IsTheClientsTimeProvider()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2031, 5, 4, 3, 2, 1, TimeSpan.Zero));
        using var client = new JinaEmulator().CreateClient(o => o.TimeProvider = clock);

        var result = await client.AsMultimodalEmbeddingGenerator().GenerateAsync([new TextContent("stamped")], cancellationToken: Ct);

        Assert.Equal(clock.GetUtcNow(), Assert.Single(result).CreatedAt);
    }

    [Fact]
    public async Task TextGenerator_Single_UsesTheExtensionMethod()
    {
        using var client = new JinaEmulator().CreateClient();

        var vector = await client.AsEmbeddingGenerator().GenerateVectorAsync("hello", cancellationToken: Ct);

        Assert.Equal(768, vector.Length);
    }

    [Fact]
    public async Task Options_ModelDimensionsAndAdditionalProperties_GoOnTheWire()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateClient();
        var options = new EmbeddingGenerationOptions
        {
            ModelId = JinaModels.EmbeddingsV3,
            Dimensions = 256,
            AdditionalProperties = new() { ["task"] = "retrieval.query", ["late_chunking"] = true, ["normalized"] = false, ["truncate"] = "true" },
        };

        var result = await client.AsEmbeddingGenerator().GenerateAsync(["query"], options, Ct);

        Assert.Equal(256, result[0].Vector.Length);
        Assert.Equal(
            """{"model":"jina-embeddings-v3","input":["query"],"embedding_type":"base64","task":"retrieval.query","dimensions":256,"normalized":false,"late_chunking":true,"truncate":true}""",
            emulator.Requests[0].Body);
    }

    [Fact]
    public async Task Options_BadAdditionalPropertyValue_IsAnErrorBeforeSending()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateClient();
        var generator = client.AsEmbeddingGenerator();

        var bad = await Assert.ThrowsAsync<ArgumentException>(() => generator.GenerateAsync(["x"], new() { AdditionalProperties = new() { ["normalized"] = 3 } }, Ct));

        Assert.Contains("'normalized' is 3; expected true or false", bad.Message, StringComparison.Ordinal);
        Assert.Equal(0, emulator.RequestCount);
    }

    [Fact]
    public async Task Options_RawRepresentationFactory_StartsFromTheSdksOptions()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateClient();
        var options = new EmbeddingGenerationOptions { RawRepresentationFactory = _ => new EmbeddingOptions { Model = JinaModels.ClipV2, Task = "retrieval.query" } };

        await client.AsEmbeddingGenerator().GenerateAsync(["x"], options, Ct);

        Assert.Equal("jina-clip-v2", Body(emulator).GetProperty("model").GetString());
        Assert.Equal("retrieval.query", Body(emulator).GetProperty("task").GetString());
    }

    [Fact]
    public void Metadata_NamesProviderEndpointModelAndDimensions()
    {
        using var client = new JinaEmbeddingClient(new JinaClientOptions { ApiKey = "k" });

        var metadata = client.AsEmbeddingGenerator(JinaModels.ClipV2).GetService<EmbeddingGeneratorMetadata>()!;

        Assert.Equal("jina", metadata.ProviderName);
        Assert.Equal(new Uri("https://api.jina.ai/v1/embeddings"), metadata.ProviderUri);
        Assert.Equal("jina-clip-v2", metadata.DefaultModelId);
        Assert.Equal(1024, metadata.DefaultModelDimensions);
        Assert.Same(client, client.AsEmbeddingGenerator().GetService<JinaEmbeddingClient>());
    }

    [Fact]
    public async Task ImageGenerator_DataContentWhoseBytesAreNoImage_IsRefusedBeforeSending()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateClient();
        var notes = new DataContent(System.Text.Encoding.UTF8.GetBytes("not a picture"), "image/png");

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.AsImageEmbeddingGenerator().GenerateAsync([notes], cancellationToken: Ct));

        Assert.StartsWith("Input 0 (the image bytes) is not an image the SDK recognises", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, emulator.RequestCount);
    }

    [Fact]
    public async Task ImageGenerator_DataContent_SendsRawBase64Images_AndReportsImageTokens()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateClient();
        var png = TestImages.Png(750, 500);
        DataContent[] images = [new(png, "image/png"), new($"data:image/png;base64,{Convert.ToBase64String(png)}")];

        var result = await client.AsImageEmbeddingGenerator().GenerateAsync(images, cancellationToken: Ct);

        Assert.Equal(2, result.Count);
        Assert.Equal(result[0].Vector.ToArray(), result[1].Vector.ToArray());
        Assert.Equal(Convert.ToBase64String(png), Body(emulator).GetProperty("input")[0].GetProperty("image").GetString());
        Assert.Equal(24_000, result.Usage!.AdditionalCounts!["image_tokens"]);
    }

    [Fact]
    public async Task ImageGenerator_NonImageMediaType_IsRefused()
    {
        using var client = new JinaEmulator().CreateClient();

        var ex = await Assert.ThrowsAsync<ArgumentException>(() =>
            client.AsImageEmbeddingGenerator().GenerateAsync([new DataContent(new byte[] { 1 }, "application/pdf")], cancellationToken: Ct));

        Assert.Contains("media type 'application/pdf'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Builder_DistributedCache_ServesRepeatsWithoutCallingTheApi()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateClient();
        var cache = new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()));
        using var generator = client.AsEmbeddingGenerator().AsBuilder().UseDistributedCache(cache).Build();

        var first = await generator.GenerateAsync(["cached text"], cancellationToken: Ct);
        var second = await generator.GenerateAsync(["cached text"], cancellationToken: Ct);

        Assert.Equal(1, emulator.RequestCount);
        Assert.Equal(first[0].Vector.ToArray(), second[0].Vector.ToArray());
    }

    [Fact]
    public async Task Builder_OpenTelemetry_ProducesAnEmbeddingsActivity()
    {
        const string Source = "JinaClip.Tests.GenAI";
        var activities = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == Source,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Add,
        };
        ActivitySource.AddActivityListener(listener);
        using var client = new JinaEmulator().CreateClient();
        using var generator = client.AsEmbeddingGenerator().AsBuilder().UseOpenTelemetry(sourceName: Source).Build();

        await generator.GenerateAsync(["traced"], cancellationToken: Ct);

        var activity = Assert.Single(activities);
        Assert.Equal("embeddings", activity.GetTagItem("gen_ai.operation.name"));
        Assert.Equal("jina-clip-v1", activity.GetTagItem("gen_ai.request.model"));
        Assert.Equal(2L, Convert.ToInt64(activity.GetTagItem("gen_ai.usage.input_tokens"), System.Globalization.CultureInfo.InvariantCulture));
    }
}
