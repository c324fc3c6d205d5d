using JinaClip.Testing;
using JinaClip.Tests.Images;
using Microsoft.Extensions.AI;

namespace JinaClip.Tests.AI;

/// <summary>Texts, image bytes and image URLs in one M.E.AI call, as the launch post mixes them.</summary>
public class MultimodalGeneratorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GenerateAsync_TextImageUrlAndImageBytes_OneRequestInInputOrder()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateClient();
        using var reference = new JinaEmulator().CreateClient();
        var png = TestImages.Png(16, 16);
        AIContent[] values =
        [
            new TextContent("A blue cat"),
            new UriContent(new Uri("https://i.pinimg.com/600x315/21/48/7e/21487e8e0970dd366dafaed6ab25d8d8.jpg"), "image/jpeg"),
            new DataContent(png, "image/png"),
        ];

        var result = await client.AsMultimodalEmbeddingGenerator().GenerateAsync(values, cancellationToken: Ct);

        Assert.Equal(3, result.Count);
        var request = Assert.Single(emulator.Requests);
        Assert.Equal(
            $$"""{"model":"jina-clip-v1","input":[{"text":"A blue cat"},{"image":"https://i.pinimg.com/600x315/21/48/7e/21487e8e0970dd366dafaed6ab25d8d8.jpg"},{"image":"{{Convert.ToBase64String(png)}}"}],"embedding_type":"base64"}""",
            request.Body);
        Assert.Equal((await reference.EmbedTextAsync("A blue cat", cancellationToken: Ct)).ToArray(), result[0].Vector.ToArray());
    }

    [Fact]
    public async Task GenerateAsync_NonImageUriOrData_OrOtherContent_IsRefusedBeforeSending()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateClient();
        var generator = client.AsMultimodalEmbeddingGenerator();

        var pdfUrl = await Assert.ThrowsAsync<ArgumentException>(() => generator.GenerateAsync(
            [new TextContent("a"), new UriContent(new Uri("https://example.com/a.pdf"), "application/pdf")], cancellationToken: Ct));
        var audio = await Assert.ThrowsAsync<ArgumentException>(() => generator.GenerateAsync(
            [new DataContent(new byte[] { 1, 2 }, "audio/wav")], cancellationToken: Ct));
        var call = await Assert.ThrowsAsync<ArgumentException>(() => generator.GenerateAsync(
            [new FunctionCallContent("c1", "f")], cancellationToken: Ct));

        Assert.Equal("Value 1 is a UriContent with media type 'application/pdf'; only image/* URLs can be embedded. (Parameter 'values')", pdfUrl.Message);
        Assert.StartsWith("Value 0 has media type 'audio/wav'", audio.Message, StringComparison.Ordinal);
        Assert.StartsWith("Value 0 is a FunctionCallContent; the Jina generator embeds TextContent, DataContent (image/*) and UriContent (image/*).", call.Message, StringComparison.Ordinal);
        Assert.Equal(0, emulator.RequestCount);
    }

    [Fact]
    public async Task GetService_OnTheTextOrImageGenerator_ReturnsTheMixedGeneratorWithTheSameDefaults()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateClient();
        using var pipeline = client.AsEmbeddingGenerator(JinaModels.ClipV2, dimensions: 512).AsBuilder().UseOpenTelemetry(sourceName: "JinaClip.Tests.Mixed").Build();

        var mixed = pipeline.GetService<IEmbeddingGenerator<AIContent, Embedding<float>>>();
        var fromImages = client.AsImageEmbeddingGenerator().GetService<IEmbeddingGenerator<AIContent, Embedding<float>>>();
        var binaryMixed = client.AsBinaryEmbeddingGenerator().GetService<IEmbeddingGenerator<AIContent, BinaryEmbedding>>();

        Assert.NotNull(mixed);
        Assert.NotNull(fromImages);
        Assert.NotNull(binaryMixed);
        Assert.Same(mixed, pipeline.GetService<IEmbeddingGenerator<AIContent, Embedding<float>>>());
        var result = await mixed.GenerateAsync([new TextContent("x"), new UriContent(new Uri("https://example.com/a.jpg"), "image/*")], cancellationToken: Ct);
        Assert.All(result, e => Assert.Equal(512, e.Vector.Length));
        Assert.Contains("\"model\":\"jina-clip-v2\"", emulator.Requests[0].Body, StringComparison.Ordinal);
    }
}
