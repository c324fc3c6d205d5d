namespace JinaClip.WebApi.Gallery;

/// <summary>One indexed image of the gallery, with its tag (the best of the configured labels) when tagging is on.</summary>
/// <param name="Image">The image's name in the folder.</param>
/// <param name="Url">Where the page loads it from.</param>
/// <param name="Tag">The best label, or <see langword="null"/> when tagging is off or failed.</param>
/// <param name="TagScore">The best label's score, from 0 to 1.</param>
public sealed record GalleryImage(string Image, string Url, string? Tag, float? TagScore);
