using JinaClip.WebApi.Api;

namespace JinaClip.WebApi.Embeddings;

/// <summary>The <c>POST /api/embed</c> answer: one vector per input, texts first, then images.</summary>
/// <param name="Model">The model that answered.</param>
/// <param name="Usage">The tokens the call used.</param>
/// <param name="Data">The vectors, by input index.</param>
public sealed record EmbedResponse(string Model, QueryUsage Usage, EmbeddingOutput[] Data);
