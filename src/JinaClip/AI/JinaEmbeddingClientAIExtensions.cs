using JinaClip.AI;
using Microsoft.Extensions.AI;

namespace JinaClip;

/// <summary>
/// Microsoft.Extensions.AI generators over a <see cref="JinaEmbeddingClient"/>. Every generator maps options the same
/// way: <c>ModelId</c> → model and <c>Dimensions</c> → dimensions; <c>AdditionalProperties</c> (keys matched
/// case-insensitively; values may be <see cref="System.Text.Json.JsonElement"/>s from JSON) <c>task</c>,
/// <c>late_chunking</c>, <c>normalized</c> and <c>truncate</c> map to their options, and any other key is sent as a raw
/// request field for the server to judge. An <see cref="EmbeddingOptions"/> returned by <c>RawRepresentationFactory</c>
/// wins over all of them. Usage reports input and total tokens (image tokens in <c>AdditionalCounts["image_tokens"]</c>),
/// and is <see langword="null"/> when the response has none. Batching, retries and rate limits are the client's; the
/// GenAI operation span and usage metric are M.E.AI's <c>UseOpenTelemetry()</c>, with the client's attempt spans beneath.
/// <c>GetService</c> on any of them returns the mixed generator over <see cref="AIContent"/> of the same embedding type.
/// </summary>
public static class JinaEmbeddingClientAIExtensions
{
    /// <summary>Gets an <see cref="IEmbeddingGenerator{String, Embedding}"/> for texts over this client.</summary>
    /// <param name="client">The client; the generator does not dispose it.</param>
    /// <param name="modelId">The default model (default: the client's <see cref="JinaEmbeddingClient.DefaultModel"/>).</param>
    /// <param name="dimensions">The default dimensions (default: the model's native size), checked against the model now.</param>
    /// <returns>The generator.</returns>
    /// <exception cref="ArgumentException">The model does not take <paramref name="dimensions"/>, or they are out of its range.</exception>
    public static IEmbeddingGenerator<string, Embedding<float>> AsEmbeddingGenerator(this JinaEmbeddingClient client, string? modelId = null, int? dimensions = null) =>
        new JinaEmbeddingGenerator<string, Embedding<float>>(new GeneratorDefaults(client, modelId, dimensions), ContentInputs.FromText, EmbeddingOutputs.Float);

    /// <summary>
    /// Gets an <see cref="IEmbeddingGenerator{DataContent, Embedding}"/> for images (bytes or <c>data:</c> URIs with an
    /// <c>image/*</c> media type) over this client, in the same vector space as the text generator for CLIP models.
    /// </summary>
    /// <param name="client">The client; the generator does not dispose it.</param>
    /// <param name="modelId">The default model (default: the client's <see cref="JinaEmbeddingClient.DefaultModel"/>).</param>
    /// <param name="dimensions">The default dimensions, checked against the model now.</param>
    /// <returns>The generator.</returns>
    /// <exception cref="ArgumentException">The model does not take <paramref name="dimensions"/>, or they are out of its range.</exception>
    public static IEmbeddingGenerator<DataContent, Embedding<float>> AsImageEmbeddingGenerator(this JinaEmbeddingClient client, string? modelId = null, int? dimensions = null) =>
        new JinaEmbeddingGenerator<DataContent, Embedding<float>>(new GeneratorDefaults(client, modelId, dimensions), ContentInputs.FromData, EmbeddingOutputs.Float);

    /// <summary>
    /// Gets an <see cref="IEmbeddingGenerator{AIContent, Embedding}"/> that mixes texts and images in one request, in
    /// input order: <see cref="TextContent"/> is a text, <see cref="DataContent"/> with an <c>image/*</c> media type is
    /// image bytes, <see cref="UriContent"/> with an <c>image/*</c> media type is an image URL the server fetches. Any
    /// other content or media type is an <see cref="ArgumentException"/> before sending.
    /// </summary>
    /// <param name="client">The client; the generator does not dispose it.</param>
    /// <param name="modelId">The default model (default: the client's <see cref="JinaEmbeddingClient.DefaultModel"/>).</param>
    /// <param name="dimensions">The default dimensions, checked against the model now.</param>
    /// <returns>The generator.</returns>
    /// <exception cref="ArgumentException">The model does not take <paramref name="dimensions"/>, or they are out of its range.</exception>
    public static IEmbeddingGenerator<AIContent, Embedding<float>> AsMultimodalEmbeddingGenerator(this JinaEmbeddingClient client, string? modelId = null, int? dimensions = null) =>
        new JinaEmbeddingGenerator<AIContent, Embedding<float>>(new GeneratorDefaults(client, modelId, dimensions), ContentInputs.FromContent, EmbeddingOutputs.Float);

    /// <summary>
    /// Gets an <see cref="IEmbeddingGenerator{String, BinaryEmbedding}"/> for texts: Jina's native binary embeddings
    /// (<c>ubinary</c> on the wire unless the raw options ask for <c>binary</c>), one bit per dimension, 32 times smaller
    /// than floats. Bit <c>i</c> of <see cref="BinaryEmbedding.Vector"/> is dimension <c>i</c>, so
    /// <c>TensorPrimitives.HammingBitDistance</c> over the M.E.AI vectors equals <see cref="HammingSearch.Distance"/> over
    /// <see cref="JinaEmbedding.GetPackedBits"/>.
    /// </summary>
    /// <param name="client">The client; the generator does not dispose it.</param>
    /// <param name="modelId">The default model (default: the client's <see cref="JinaEmbeddingClient.DefaultModel"/>).</param>
    /// <param name="dimensions">The default dimensions (a multiple of 8), checked against the model now.</param>
    /// <returns>The generator.</returns>
    /// <exception cref="ArgumentException">The model does not take <paramref name="dimensions"/>, or they are out of its range.</exception>
    public static IEmbeddingGenerator<string, BinaryEmbedding> AsBinaryEmbeddingGenerator(this JinaEmbeddingClient client, string? modelId = null, int? dimensions = null) =>
        new JinaEmbeddingGenerator<string, BinaryEmbedding>(new GeneratorDefaults(client, modelId, dimensions), ContentInputs.FromText, EmbeddingOutputs.Binary);

    /// <summary>Gets an <see cref="IEmbeddingGenerator{DataContent, BinaryEmbedding}"/> for images, as <see cref="AsBinaryEmbeddingGenerator"/> does for texts.</summary>
    /// <param name="client">The client; the generator does not dispose it.</param>
    /// <param name="modelId">The default model (default: the client's <see cref="JinaEmbeddingClient.DefaultModel"/>).</param>
    /// <param name="dimensions">The default dimensions (a multiple of 8), checked against the model now.</param>
    /// <returns>The generator.</returns>
    /// <exception cref="ArgumentException">The model does not take <paramref name="dimensions"/>, or they are out of its range.</exception>
    public static IEmbeddingGenerator<DataContent, BinaryEmbedding> AsBinaryImageEmbeddingGenerator(this JinaEmbeddingClient client, string? modelId = null, int? dimensions = null) =>
        new JinaEmbeddingGenerator<DataContent, BinaryEmbedding>(new GeneratorDefaults(client, modelId, dimensions), ContentInputs.FromData, EmbeddingOutputs.Binary);
}
