using JinaClip.AI;
using Microsoft.Extensions.AI;

namespace JinaClip;

/// <summary>Microsoft.Extensions.AI adapters for <see cref="JinaEmbeddingClient"/>.</summary>
public static class JinaEmbeddingClientAIExtensions
{
    /// <summary>
    /// Gets an <see cref="IEmbeddingGenerator{String, Embedding}"/> for texts over this client. Options map as:
    /// <c>ModelId</c> → model, <c>Dimensions</c> → dimensions, and <c>AdditionalProperties</c> <c>task</c>,
    /// <c>late_chunking</c>, <c>normalized</c>, <c>truncate</c> (any other key is an <see cref="ArgumentException"/>);
    /// <c>RawRepresentationFactory</c> may return an <see cref="EmbeddingOptions"/> to start from. Usage reports input
    /// and total tokens, and image tokens in <c>AdditionalCounts["image_tokens"]</c>. Batching, retries and rate limits
    /// are the client's.
    /// </summary>
    /// <param name="client">The client; the generator does not dispose it.</param>
    /// <param name="modelId">The default model (default: the client's <see cref="JinaEmbeddingClient.DefaultModel"/>).</param>
    /// <param name="dimensions">The default dimensions (default: the model's native size).</param>
    /// <returns>The generator.</returns>
    public static IEmbeddingGenerator<string, Embedding<float>> AsEmbeddingGenerator(this JinaEmbeddingClient client, string? modelId = null, int? dimensions = null) =>
        new JinaTextEmbeddingGenerator(client, modelId, dimensions);

    /// <summary>
    /// Gets an <see cref="IEmbeddingGenerator{DataContent, Embedding}"/> for images (bytes or <c>data:</c> URIs with an
    /// <c>image/*</c> media type) over this client, in the same vector space as the text generator for CLIP models.
    /// Options map as for <see cref="AsEmbeddingGenerator"/>.
    /// </summary>
    /// <param name="client">The client; the generator does not dispose it.</param>
    /// <param name="modelId">The default model (default: the client's <see cref="JinaEmbeddingClient.DefaultModel"/>).</param>
    /// <param name="dimensions">The default dimensions.</param>
    /// <returns>The generator.</returns>
    public static IEmbeddingGenerator<DataContent, Embedding<float>> AsImageEmbeddingGenerator(this JinaEmbeddingClient client, string? modelId = null, int? dimensions = null) =>
        new JinaImageEmbeddingGenerator(client, modelId, dimensions);
}
