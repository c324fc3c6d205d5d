namespace JinaClip.WebApi.Gallery;

/// <summary>The answer of <c>GET /api/gallery</c>: how far indexing is.</summary>
/// <param name="Ready">Whether every image is indexed and searches are answered.</param>
/// <param name="Indexed">Images indexed so far.</param>
/// <param name="Total">Images found in the folder.</param>
/// <param name="Tokens">Tokens indexing has used so far.</param>
/// <param name="Model">The model the images are embedded with.</param>
/// <param name="Offline">Whether the local emulator answers (no API key configured): its vectors are stand-ins.</param>
/// <param name="Error">Why indexing failed, if it did.</param>
/// <param name="Skipped">The files of the folder not indexed, each with its reason.</param>
public sealed record GalleryStatus(bool Ready, int Indexed, int Total, long Tokens, string? Model, bool Offline, string? Error, IReadOnlyList<GallerySkip> Skipped, string? TagError = null);
