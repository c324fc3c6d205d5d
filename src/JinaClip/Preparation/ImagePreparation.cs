using JinaClip.Telemetry;
using Microsoft.Extensions.Logging;

namespace JinaClip.Preparation;

/// <summary>
/// Runs the configured <see cref="IImagePreprocessor"/> on one image as its batch is read: a failure names the input's
/// position in the call, and what was done (or why nothing was) is logged.
/// </summary>
internal sealed class ImagePreparation
{
    private readonly IImagePreprocessor _preprocessor;
    private readonly ILogger _logger;
    private readonly ImageUrlFetchOptions? _fetch;
    private readonly HttpClient? _fetchClient;

    public ImagePreparation(IImagePreprocessor preprocessor, ILogger logger, bool downloadUrls = false, ImageUrlFetchOptions? fetch = null, HttpClient? fetchClient = null)
    {
        _preprocessor = preprocessor;
        _logger = logger;
        DownloadsUrls = downloadUrls;
        _fetch = fetch;
        _fetchClient = fetchClient;
    }

    /// <summary>Gets whether image URLs are downloaded and prepared here (<see cref="JinaClientOptions.DownloadImageUrls"/>).</summary>
    public bool DownloadsUrls { get; }

    /// <summary>Gets the preparation of <paramref name="options"/>, or <see langword="null"/> when no preprocessor is set.</summary>
    public static ImagePreparation? For(JinaClientOptions options, ILogger logger) =>
        options.ImagePreprocessor is { } preprocessor
            ? new ImagePreparation(preprocessor, logger, options.DownloadImageUrls, options.TokenEstimatorOptions?.ImageUrls, options.ImageHttpClient)
            : null;

    /// <summary>Downloads an image URL through the image-URL fetch rules (at most 8 MiB).</summary>
    public async Task<ReadOnlyMemory<byte>> DownloadAsync(string url, int index, CancellationToken cancellationToken)
    {
        try
        {
            return await ImageHeaderReader.DownloadAsync(new Uri(url), _fetch, _fetchClient, EmbeddingInput.MaxImageBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"Input {index} (the image URL {url}): {ex.Message}", ex);
        }
    }

    public async Task<ReadOnlyMemory<byte>> PrepareAsync(ReadOnlyMemory<byte> image, int index, string what, string model, CancellationToken cancellationToken)
    {
        PreparedImage prepared;
        try
        {
            prepared = await _preprocessor.PrepareAsync(image, model, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidDataException or JinaImageHeaderException)
        {
            throw new ArgumentException($"Input {index} ({what}) could not be prepared: {ex.Message}", ex);
        }

        if (prepared.SentSize is { } sent)
        {
            Log.ImagePrepared(_logger, index, prepared.OriginalSize, sent, image.Length, prepared.Data.Length);
        }
        else if (prepared.Note is { } note)
        {
            Log.ImageUnchanged(_logger, index, note);
        }

        return prepared.Data;
    }
}
