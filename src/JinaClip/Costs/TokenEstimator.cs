
namespace JinaClip;

/// <summary>
/// Estimates what a request will cost before it is sent: images by their size read from the header bytes (see
/// <see cref="ImageHeaderReader"/>) and the model's <see cref="ImageTokenRule"/>, texts by
/// <see cref="TokenEstimatorOptions.TextTokenCounter"/> (default ⌈1.1 × words⌉). An estimate, not a bill.
/// </summary>
public sealed class TokenEstimator
{
    private readonly TokenEstimatorOptions _options;
    private readonly HttpClient? _fallbackImageClient;
    private readonly IImagePreprocessor? _preprocessor;
    private readonly bool _downloadUrls;

    /// <summary>Creates an estimator.</summary>
    /// <param name="options">Image rules, URL fetch rules and the text counter, or <see langword="null"/> for the defaults.</param>
    public TokenEstimator(TokenEstimatorOptions? options = null)
        : this(options, fallbackImageClient: null)
    {
    }

    /// <param name="options">As the public constructor.</param>
    /// <param name="fallbackImageClient">The client for image URLs when <see cref="ImageUrlFetchOptions.HttpClient"/> is not set (the DI-named one).</param>
    /// <param name="preprocessor">The client's preprocessor, used when the options name none.</param>
    /// <param name="downloadUrls">The client's <see cref="JinaClientOptions.DownloadImageUrls"/>, used with its preprocessor.</param>
    internal TokenEstimator(TokenEstimatorOptions? options, HttpClient? fallbackImageClient, IImagePreprocessor? preprocessor = null, bool downloadUrls = false)
    {
        _options = options ?? new TokenEstimatorOptions();
        _fallbackImageClient = fallbackImageClient;
        _preprocessor = _options.ImagePreprocessor ?? preprocessor;
        _downloadUrls = _options.DownloadImageUrls || (_options.ImagePreprocessor is null && downloadUrls);
    }

    /// <summary>Estimates a text's tokens.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The estimated tokens.</returns>
    public long EstimateText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return _options.TextTokenCounter is { } count ? count(text) : Costs.RoughTokenEstimator.Text(text);
    }

    /// <summary>Estimates an image's tokens from its size under <paramref name="model"/>'s rule.</summary>
    /// <param name="size">The image's size.</param>
    /// <param name="model">The model.</param>
    /// <returns>The tiles and tokens.</returns>
    /// <exception cref="ArgumentException">The model has no image rule.</exception>
    public (long Tiles, long Tokens) EstimateImage(ImageSize size, string model)
    {
        var rule = Rule(model);
        return (rule.Tiles(size.Width, size.Height), rule.Tokens(size.Width, size.Height));
    }

    /// <summary>
    /// Estimates a whole request. Image sizes are read from header bytes: bytes in memory, the first bytes of files
    /// and seekable streams (whose position is restored), and a ranged GET of URLs (no API key is sent) under
    /// <see cref="TokenEstimatorOptions.ImageUrls"/>' rules.
    /// </summary>
    /// <param name="inputs">The inputs, as for <see cref="JinaEmbeddingClient.EmbedAsync(IEnumerable{EmbeddingInput}, EmbeddingOptions?, CancellationToken)"/>.</param>
    /// <param name="model">The model the request is for.</param>
    /// <param name="cancellationToken">Cancels the estimate.</param>
    /// <returns>The per-input breakdown and total.</returns>
    /// <exception cref="ArgumentException">An input is null, the model has no image rule, or a stream cannot seek.</exception>
    /// <exception cref="JinaImageHeaderException">An image's header cannot be read.</exception>
    /// <exception cref="JinaUrlRefusedException">An image URL was refused by the fetch rules.</exception>
    /// <exception cref="HttpRequestException">An image URL could not be fetched.</exception>
    public async Task<TokenEstimate> EstimateAsync(IEnumerable<EmbeddingInput> inputs, string model, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentException.ThrowIfNullOrEmpty(model);
        var estimates = new List<InputEstimate>();
        foreach (var input in inputs)
        {
            var index = estimates.Count;
            if (input is null)
            {
                throw new ArgumentException($"Input {index} is null.", nameof(inputs));
            }

            if (!input.IsImage)
            {
                estimates.Add(new InputEstimate(index, input.Kind, EstimateText(input.Value!), null, null));
                continue;
            }

            var rule = Rule(model);
            var size = await SizeOfAsync(input, index, cancellationToken).ConfigureAwait(false);
            var original = new InputEstimate(index, input.Kind, rule.Tokens(size.Width, size.Height), size, rule.Tiles(size.Width, size.Height));

            // URL images are fetched by the server at full size, unless the preprocessor downloads them.
            var plan = _preprocessor is null || (input.Kind == EmbeddingInputKind.ImageUrl && !_downloadUrls)
                ? null
                : _preprocessor.Plan(size, model);
            estimates.Add(plan?.Refusal is { } refusal ? original.RefusedFor(refusal)
                : plan?.SentSize is { } sent
                ? original.As(sent, rule.Tiles(sent.Width, sent.Height), rule.Tokens(sent.Width, sent.Height))
                : original.With(plan?.Note ?? (input.Kind == EmbeddingInputKind.ImageUrl && _preprocessor is not null ? "not downscaled: image URLs are fetched by the server" : null)));
        }

        return new TokenEstimate(model, estimates);
    }

    private async Task<ImageSize> SizeOfAsync(EmbeddingInput input, int index, CancellationToken cancellationToken)
    {
        switch (input.Kind)
        {
            case EmbeddingInputKind.ImageBytes:
                return ImageHeaderReader.Read(input.Bytes);
            case EmbeddingInputKind.ImageFile:
                return await ImageHeaderReader.ReadFileAsync(input.Value!, cancellationToken).ConfigureAwait(false);
            case EmbeddingInputKind.ImageStream:
                var stream = input.Stream!;
                if (!stream.CanSeek)
                {
                    throw new ArgumentException($"Input {index}: a stream that cannot seek cannot be measured and still be sent; pass bytes or a file instead.");
                }

                var position = stream.Position;
                try
                {
                    return await ImageHeaderReader.ReadAsync(stream, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    stream.Position = position;
                }

            case EmbeddingInputKind.ImageUrl:
                return await ImageHeaderReader.ReadUrlAsync(new Uri(input.Value!), _options.ImageUrls, _fallbackImageClient, cancellationToken).ConfigureAwait(false);
            case EmbeddingInputKind.Text:
                throw new ArgumentException($"Input {index} is a text; only images have a size.");
            default:
                throw new ArgumentOutOfRangeException(nameof(input), input.Kind, $"Input {index} is of a kind the estimator does not know.");
        }
    }

    private ImageTokenRule Rule(string model) =>
        _options.ImageRules.TryGetValue(model, out var rule)
            ? rule
            : throw new ArgumentException($"No image token rule for model '{model}'; add one to TokenEstimatorOptions.ImageRules.", nameof(model));
}
