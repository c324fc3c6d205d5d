namespace JinaClip.WebApi.Api;

/// <summary>
/// What one anonymous request may ask the Jina API for (configuration section <c>Limits</c>): every input costs the
/// deployer tokens, and an image URL makes the API fetch an address of the caller's choosing.
/// </summary>
public sealed class RequestLimits
{
    /// <summary>Gets or sets the most texts and image URLs one <c>/api/embed</c> request may hold.</summary>
    /// <value>The default is 64.</value>
    public int MaxInputsPerRequest { get; set; } = 64;

    /// <summary>Gets or sets the most characters of text one request may hold, all its texts together.</summary>
    /// <value>The default is 32,768 (a few thousand tokens).</value>
    public int MaxCharactersPerRequest { get; set; } = 32_768;

    /// <summary>Gets or sets how many API requests one client (by remote address) may make per minute; more are answered 429.</summary>
    /// <value>The default is 60.</value>
    public int RequestsPerMinutePerClient { get; set; } = 60;

    /// <summary>Gets or sets whether <c>/api/embed</c> takes <c>image_urls</c>.</summary>
    /// <value>The default is <see langword="false"/>: the API would fetch each URL, of the caller's choice, at the deployer's expense.</value>
    public bool AllowImageUrls { get; set; }

    /// <summary>
    /// Gets or sets how many images (uploads and gallery files) are decoded at once in the process; the rest wait. Each
    /// takes at most <c>ImageDownscalingOptions.MaxDecodeMemory</c> (64 MiB), so this bounds the memory images can take.
    /// </summary>
    /// <value>The default is <see langword="null"/>: the core count (<c>SkiaImageDownscaler.MaxConcurrentDecodes</c>).</value>
    public int? ImageDecodesAtOnce { get; set; }
}
