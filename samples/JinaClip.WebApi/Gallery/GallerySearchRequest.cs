namespace JinaClip.WebApi.Gallery;

/// <summary>The <c>POST /api/gallery/search</c> body.</summary>
/// <param name="Query">The text to find images for.</param>
/// <param name="Top">How many images (1 to 50; default 8).</param>
public sealed record GallerySearchRequest(string? Query, int? Top);
