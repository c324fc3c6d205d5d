namespace JinaClip.WebApi.Gallery;

/// <summary>A file of the gallery folder that was not indexed, and why.</summary>
/// <param name="Name">Its path relative to the gallery folder.</param>
/// <param name="Reason">Why, as a phrase after the name: "is a link to a folder (linked folders are not followed)".</param>
public sealed record GallerySkip(string Name, string Reason);
