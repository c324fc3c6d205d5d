using JinaClip;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

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
}
