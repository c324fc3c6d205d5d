namespace JinaClip.WebApi.Gallery;

/// <summary>One image of <see cref="GalleryResults"/>.</summary>
/// <param name="Rank">1 for the best match.</param>
/// <param name="Image">The image's path in the gallery folder.</param>
/// <param name="Url">Where the page loads the image from.</param>
/// <param name="Score">The cosine of the query's and the image's vectors.</param>
public sealed record GalleryHit(int Rank, string Image, string Url, float Score, string? Tag = null, float? TagScore = null);
