namespace JinaClip.WebApi.Gallery;

/// <summary>Every indexed image with its tag, and how they were tagged.</summary>
/// <param name="Tagging">The tagging mode: <c>local</c>, <c>api</c> or <c>off</c>.</param>
/// <param name="Labels">The labels images are tagged with.</param>
/// <param name="Images">The images, in the folder's order.</param>
public sealed record GalleryImages(string Tagging, IReadOnlyList<string> Labels, GalleryImage[] Images);
