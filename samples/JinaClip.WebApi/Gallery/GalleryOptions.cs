namespace JinaClip.WebApi.Gallery;

/// <summary>The image gallery's settings (configuration section <c>Gallery</c>).</summary>
public sealed class GalleryOptions
{
    /// <summary>Gets or sets the folder of images to index (searched recursively; jpg, jpeg, png, gif, webp).</summary>
    /// <value>The default is <see langword="null"/>: the generated <c>sample-images</c> folder shipped beside the app. A relative path is taken from the content root.</value>
    public string? Folder { get; set; }

    /// <summary>Gets or sets how many images one indexing request holds; the log says how far indexing got after each.</summary>
    /// <value>The default is 4.</value>
    public int ImagesPerRequest { get; set; } = 4;

    /// <summary>Gets or sets the most images the folder may hold; a larger folder is refused at start-up rather than indexed in part.</summary>
    /// <value>The default is 10,000.</value>
    public int MaxImages { get; set; } = 10_000;

    /// <summary>Gets or sets the largest image the page may upload to find similar images.</summary>
    /// <value>The default is 8 MiB, the API's own limit for one image.</value>
    public long MaxUploadBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>The labels used when <see cref="Labels"/> is not set.</summary>
    public static readonly IReadOnlyList<string> DefaultLabels = ["animal", "vehicle", "landscape", "city", "water", "building", "food", "person"];

    /// <summary>Gets or sets the labels gallery and uploaded images are tagged with (zero-shot: any words, no training).</summary>
    /// <value><see langword="null"/>: <see cref="DefaultLabels"/> (animal, vehicle, landscape, city, water, building, food, person).</value>
    public string[]? Labels { get; set; }

    /// <summary>Gets the labels in use.</summary>
    public IReadOnlyList<string> TagLabels => Labels is { Length: > 0 } labels ? labels : DefaultLabels;

    /// <summary>
    /// Gets or sets how images are tagged: <c>local</c> scores the vectors the gallery already has against the labels
    /// (embedded once; no more requests), <c>api</c> sends every image to <c>POST /v1/classify</c> (tokens per image),
    /// <c>off</c> tags nothing.
    /// </summary>
    /// <value><c>local</c>.</value>
    public string Tagging { get; set; } = "local";
}
