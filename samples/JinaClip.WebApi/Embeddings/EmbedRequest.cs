namespace JinaClip.WebApi.Embeddings;

/// <summary>The <c>POST /api/embed</c> body: texts and image URLs, embedded in one call.</summary>
/// <param name="Texts">Texts to embed.</param>
/// <param name="ImageUrls">Image URLs to embed (the service fetches them).</param>
/// <param name="Dimensions">Fewer output dimensions (Matryoshka), or null for the model's own.</param>
public sealed record EmbedRequest(string[]? Texts, string[]? ImageUrls, int? Dimensions);
