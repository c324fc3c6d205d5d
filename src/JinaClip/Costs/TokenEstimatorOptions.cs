namespace JinaClip;

/// <summary>Options for <see cref="TokenEstimator"/>: image rules per model and the text counter.</summary>
public sealed class TokenEstimatorOptions
{
    /// <summary>Gets the image rule for each model, by model name (ordinal).</summary>
    /// <value>
    /// The SDK's model table (<see cref="JinaModels.GetImageInput"/>): <c>jina-clip-v1</c> 224-px tiles × 1,000 tokens
    /// (from the model's launch post: 750×500 → 4×3 = 12 tiles = 12,000 tokens); <c>jina-clip-v2</c> 512-px tiles × 4,000
    /// tokens (an <b>assumption</b> from third-party summaries: override it if your bills say otherwise);
    /// <c>jina-embeddings-v4</c> 28-px tiles × 10 tokens (an <b>assumption</b> from one third-party guide). Add a rule for
    /// any other model that takes images.
    /// </value>
    public Dictionary<string, ImageTokenRule> ImageRules { get; } = Models.ModelCatalog.Supported
        .Where(m => m.Image is not null)
        .ToDictionary(m => m.Name, m => new ImageTokenRule(m.Image!.TileSize, m.Image.TokensPerTile), StringComparer.Ordinal);

    /// <summary>Gets how image URLs are fetched to read their headers: the client, the address rules, the time and redirect limits.</summary>
    /// <value>The defaults of <see cref="ImageUrlFetchOptions"/>: non-public addresses refused, same-host redirects only, 10 seconds.</value>
    public ImageUrlFetchOptions ImageUrls { get; } = new();

    /// <summary>Gets or sets how a text's tokens are counted.</summary>
    /// <value>
    /// The default is <see langword="null"/>: ⌈1.1 × words⌉, a word being a run of non-white-space characters (the
    /// launch post's ≈ 1.1 tokens per English word; other languages and code cost more). Supply a counter built from
    /// the model's own tokenizer for an exact count; it should include the special tokens the API counts.
    /// </value>
    public Func<string, long>? TextTokenCounter { get; set; }

    /// <summary>
    /// Gets or sets the image preprocessor whose plan the estimate applies: each image is estimated as it would be sent
    /// (<see cref="InputEstimate.Tokens"/>), beside its cost as given (<see cref="InputEstimate.OriginalTokens"/>). Only
    /// headers are read: <see cref="IImagePreprocessor.Plan"/> decides from the size alone.
    /// </summary>
    /// <value>The default is <see langword="null"/>: images are estimated as given.</value>
    public IImagePreprocessor? ImagePreprocessor { get; set; }

    /// <summary>
    /// Gets or sets whether image URLs are estimated as the preprocessor would send them after downloading them
    /// (<see cref="JinaClientOptions.DownloadImageUrls"/>); otherwise as given, since the server fetches them at full size.
    /// </summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool DownloadImageUrls { get; set; }

    /// <summary>A deep copy, so that a client's estimator is unaffected by later changes to the caller's options.</summary>
    internal TokenEstimatorOptions Clone()
    {
        var copy = new TokenEstimatorOptions
        {
            TextTokenCounter = TextTokenCounter,
            ImagePreprocessor = ImagePreprocessor,
            DownloadImageUrls = DownloadImageUrls,
        };
        copy.ImageRules.Clear();
        foreach (var rule in ImageRules)
        {
            copy.ImageRules[rule.Key] = rule.Value;
        }

        copy.ImageUrls.HttpClient = ImageUrls.HttpClient;
        copy.ImageUrls.AllowNonPublicAddresses = ImageUrls.AllowNonPublicAddresses;
        copy.ImageUrls.Timeout = ImageUrls.Timeout;
        copy.ImageUrls.MaxRedirects = ImageUrls.MaxRedirects;
        return copy;
    }
}
