using System.Collections;
using System.Numerics.Tensors;
using JinaClip;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace JinaClip.Tests.Docs.Snippets;

/// <summary>README "Microsoft.Extensions.AI". Compiled, not run.</summary>
public static class AISnippets
{
    public static async Task Generators(JinaEmbeddingClient client, WebApplicationBuilder builder)
    {
        #region embedding generators
        IEmbeddingGenerator<string, Embedding<float>> texts = client.AsEmbeddingGenerator();
        IEmbeddingGenerator<DataContent, Embedding<float>> images = client.AsImageEmbeddingGenerator();   // image/* bytes or data: URIs

        var result = await texts.GenerateAsync(["a red dog"], new EmbeddingGenerationOptions
        {
            ModelId = JinaModels.EmbeddingsV3, Dimensions = 256,
            AdditionalProperties = new() { ["task"] = "retrieval.query", ["late_chunking"] = false, ["normalized"] = true, ["truncate"] = true },
        });

        builder.Services.AddEmbeddingGenerator(sp => sp.GetRequiredService<JinaEmbeddingClient>().AsEmbeddingGenerator())
            .UseDistributedCache().UseOpenTelemetry().UseLogging();
        #endregion
    }

    public static async Task Mixed(JinaEmbeddingClient client)
    {
        #region mixed generator
        // The launch post's example: a text and an image URL in one request, in input order.
        IEmbeddingGenerator<AIContent, Embedding<float>> mixed = client.AsMultimodalEmbeddingGenerator(JinaModels.ClipV1);
        var both = await mixed.GenerateAsync(
        [
            new TextContent("A blue cat"),
            new UriContent(new Uri("https://i.pinimg.com/600x315/21/48/7e/21487e8e0970dd366dafaed6ab25d8d8.jpg"), "image/jpeg"),
        ]);
        var cosine = TensorPrimitives.CosineSimilarity(both[0].Vector.Span, both[1].Vector.Span);
        #endregion
    }

    public static async Task Binary(JinaEmbeddingClient client, string[] documents)
    {
        #region binary generator
        // Jina's native binary embeddings: 1 bit per dimension. Bit i of BinaryEmbedding.Vector is dimension i.
        IEmbeddingGenerator<string, BinaryEmbedding> bits = client.AsBinaryEmbeddingGenerator(JinaModels.EmbeddingsV3);
        var stored = await bits.GenerateAsync(documents);
        var query = (await bits.GenerateAsync(["how do cats see at night?"]))[0];

        static byte[] Bytes(BitArray v) { var b = new byte[(v.Length + 7) / 8]; v.CopyTo(b, 0); return b; }
        var nearest = stored
            .Select((d, i) => (Index: i, Distance: TensorPrimitives.HammingBitDistance<byte>(Bytes(query.Vector), Bytes(d.Vector))))
            .OrderBy(m => m.Distance)
            .Take(3);
        #endregion
    }

    public static void Telemetry(WebApplicationBuilder builder)
    {
        #region generator telemetry
        // One GenAI span and one usage reading per call: M.E.AI's, with JinaClip's HTTP attempts as its children.
        builder.Services.AddEmbeddingGenerator(sp => sp.GetRequiredService<JinaEmbeddingClient>().AsEmbeddingGenerator())
            .UseOpenTelemetry();
        builder.Services.AddOpenTelemetry()
            .WithTracing(t => t.AddSource("Experimental.Microsoft.Extensions.AI", "JinaClip"))
            .WithMetrics(m => m.AddMeter("Experimental.Microsoft.Extensions.AI", "JinaClip"));
        #endregion
    }
}
