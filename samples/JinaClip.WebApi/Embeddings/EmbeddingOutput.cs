namespace JinaClip.WebApi.Embeddings;

/// <summary>One vector of <see cref="EmbedResponse"/>.</summary>
/// <param name="Index">The input's position (texts first, then image URLs).</param>
/// <param name="Embedding">The vector.</param>
public sealed record EmbeddingOutput(int Index, float[] Embedding);
