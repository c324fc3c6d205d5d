namespace JinaClip.WebApi.Embeddings;

/// <summary>The <c>POST /api/similarity</c> body: two texts.</summary>
/// <param name="A">The first text.</param>
/// <param name="B">The second text.</param>
public sealed record SimilarityRequest(string? A, string? B);
