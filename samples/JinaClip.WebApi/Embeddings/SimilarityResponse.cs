using JinaClip.WebApi.Api;

namespace JinaClip.WebApi.Embeddings;

/// <summary>The <c>POST /api/similarity</c> answer.</summary>
/// <param name="Cosine">The cosine similarity of the two texts' vectors, from −1 to 1.</param>
/// <param name="Usage">The tokens the call used.</param>
public sealed record SimilarityResponse(float Cosine, QueryUsage Usage);
