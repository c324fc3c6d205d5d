using JinaClip.Http;
using JinaClip.Images;

namespace JinaClip;

/// <summary>
/// Reads an image's format, width and height from its header bytes only — PNG, JPEG, GIF, WebP, BMP, TIFF, AVIF and
/// HEIC, detected from the bytes, never the name — without decoding pixels. Streams, files and URLs are read only as
/// far as the header needs (in 1 KiB pages; a JPEG's EXIF block is skipped, not read), never more than
/// <see cref="MaxHeaderBytes"/>, and memory grows with the bytes actually read, never with sizes a header claims.
/// </summary>
public static class ImageHeaderReader
{
    private const int HeaderByteLimit = 16 * 1024 * 1024;

    /// <summary>Gets the most bytes a header is read into before the reader gives up (16 MiB).</summary>
    public static int MaxHeaderBytes => HeaderByteLimit;

    // Images carry no key; the fetcher follows same-host redirects itself, and ranged reads must not be compressed.
    private static readonly Lazy<HttpClient> SharedHttp = new(() => new HttpClient(PrimaryHandler.CreateForFetching())
    {
        Timeout = Timeout.InfiniteTimeSpan,
    });

    private static readonly ImageUrlFetchOptions DefaultFetch = new();

    /// <summary>Reads the size from image bytes in memory.</summary>
    /// <param name="data">The image file's bytes (at least its header).</param>
    /// <returns>The format and size.</returns>
    /// <exception cref="JinaImageHeaderException">The bytes are empty, not a known format, truncated, corrupt or state an absurd size.</exception>
    public static ImageSize Read(ReadOnlyMemory<byte> data)
    {
        var bytes = new MemoryHeaderBytes(data);
        var format = ImageHeaderParser.Detect(data.Span[..Math.Min(data.Length, ImageHeaderParser.DetectBytes)], complete: true)!.Value;
        return ImageHeaderParser.TryParse(bytes, format, out var size) ? size : throw Truncated(format, data.Length, bytes.Missing);
    }

    /// <summary>Reads the size from a stream, reading only as far as the header needs (seeking when the stream can).</summary>
    /// <param name="stream">A readable stream positioned at the image's first byte; left open, its position not restored.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The format and size.</returns>
    /// <exception cref="JinaImageHeaderException">The data is not a readable image header (see <see cref="Read"/>), or the header lies beyond <see cref="MaxHeaderBytes"/>.</exception>
    public static async Task<ImageSize> ReadAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead)
        {
            throw new ArgumentException("The stream cannot be read.", nameof(stream));
        }

        using var data = new StreamHeaderBytes(stream, MaxHeaderBytes);
        return await ReadPagedAsync(data, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the size from an image file, reading only its header.</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The format and size.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="JinaImageHeaderException">The file is not a readable image header, or is empty or not a regular file (then it is not opened).</exception>
    public static async Task<ImageSize> ReadFileAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (new FileInfo(path) is { Exists: true, Length: 0 })
        {
            // A FIFO would block the open until a writer came, a device would never end: neither is opened.
            throw new JinaImageHeaderException(null, $"'{path}' is empty, or not a regular file (a FIFO, device or socket); it was not opened");
        }

        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, useAsync: true);
        return await ReadAsync(file, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads the size of the image at an http(s) URL with ranged GETs: the first 64 KiB, widening only if the header lies
    /// further, within <see cref="MaxHeaderBytes"/> and <see cref="ImageUrlFetchOptions.Timeout"/>. The requests carry no
    /// API key. By default the URL may not reach a non-public address, and only same-host redirects are followed.
    /// </summary>
    /// <param name="uri">The image's absolute http or https URL.</param>
    /// <param name="options">The client, address rules, time limit and redirect limit, or <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The format and size.</returns>
    /// <exception cref="ArgumentException">The URL is not absolute http(s), or the options are out of range.</exception>
    /// <exception cref="JinaUrlRefusedException">The URL (or a redirect) was refused by the fetch rules; nothing was read from the refused address.</exception>
    /// <exception cref="HttpRequestException">The server refused or failed.</exception>
    /// <exception cref="TimeoutException">The read took longer than <see cref="ImageUrlFetchOptions.Timeout"/>.</exception>
    /// <exception cref="JinaImageHeaderException">The data is not a readable image header.</exception>
    public static Task<ImageSize> ReadUrlAsync(Uri uri, ImageUrlFetchOptions? options = null, CancellationToken cancellationToken = default) =>
        ReadUrlAsync(uri, options, fallbackClient: null, cancellationToken);

    /// <summary>
    /// Downloads a whole image through the same fetch rules as <see cref="ReadUrlAsync(Uri, ImageUrlFetchOptions?, CancellationToken)"/>
    /// (public addresses only, same-host redirects, no credentials, within the timeout), for a preprocessor to prepare.
    /// </summary>
    /// <exception cref="ArgumentException">The image is larger than <paramref name="maxBytes"/>.</exception>
    internal static async Task<byte[]> DownloadAsync(Uri uri, ImageUrlFetchOptions? options, HttpClient? fallbackClient, long maxBytes, CancellationToken cancellationToken)
    {
        const int Chunk = 64 * 1024;
        var rules = options ?? DefaultFetch;
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(rules.Timeout);
        using var data = new HttpHeaderBytes(rules.HttpClient ?? fallbackClient ?? SharedHttp.Value, uri, maxBytes, rules);
        using var output = new MemoryStream();
        try
        {
            for (long offset = 0; data.Length is not { } length || offset < length;)
            {
                if (offset >= maxBytes)
                {
                    throw new ArgumentException($"The image at {uri} is larger than {maxBytes:N0} bytes; the API accepts images of at most 8 MiB.");
                }

                await data.LoadAsync(offset, Chunk, timer.Token).ConfigureAwait(false);
                var available = (int)Math.Min(Chunk, (data.Length ?? long.MaxValue) - offset);
                if (available <= 0)
                {
                    break;
                }

                if (!data.TryRead(offset, available, out var bytes))
                {
                    throw new HttpRequestException($"The image at {uri} ended early, at byte {offset:N0}.");
                }

#if NET
                output.Write(bytes);
#else
                output.Write(bytes.ToArray(), 0, bytes.Length);
#endif
                offset += available;
            }
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Downloading the image {uri} took longer than {rules.Timeout.TotalSeconds:0.###} s.", ex);
        }

        return output.ToArray();
    }

    /// <summary>As the public overload; <paramref name="fallbackClient"/> (the DI-named client) is used when the options name none.</summary>
    internal static async Task<ImageSize> ReadUrlAsync(Uri uri, ImageUrlFetchOptions? options, HttpClient? fallbackClient, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"'{uri}' is not an absolute http(s) URL.", nameof(uri));
        }

        var rules = options ?? DefaultFetch;
        if (rules.Timeout <= TimeSpan.Zero && rules.Timeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentException($"ImageUrlFetchOptions.Timeout must be positive; it is {rules.Timeout}.", nameof(options));
        }

        if (rules.MaxRedirects < 0)
        {
            throw new ArgumentException($"ImageUrlFetchOptions.MaxRedirects must be 0 or more; it is {rules.MaxRedirects}.", nameof(options));
        }

        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(rules.Timeout);
        using var data = new HttpHeaderBytes(rules.HttpClient ?? fallbackClient ?? SharedHttp.Value, uri, MaxHeaderBytes, rules);
        try
        {
            return await ReadPagedAsync(data, timer.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Reading the image header from {uri} took longer than {rules.Timeout.TotalSeconds:0.###} s.", ex);
        }
    }

    private static async Task<ImageSize> ReadPagedAsync(PagedHeaderBytes data, CancellationToken cancellationToken)
    {
        await data.LoadAsync(0, ImageHeaderParser.DetectBytes, cancellationToken).ConfigureAwait(false);
        var format = ImageHeaderParser.Detect(data.Prefix(ImageHeaderParser.DetectBytes), complete: true)!.Value;
        while (true)
        {
            if (ImageHeaderParser.TryParse(data, format, out var size))
            {
                return size;
            }

            var missing = data.Missing;
            if (data.Length is { } length && missing.Offset + missing.Count > length)
            {
                throw Truncated(format, length, missing);
            }

            if (data.BytesLoaded >= data.MaxBytes || missing.Offset + missing.Count > data.MaxBytes)
            {
                throw new JinaImageHeaderException(format, $"the header lies beyond the first {data.MaxBytes / (1024 * 1024)} MiB (ImageHeaderReader.MaxHeaderBytes).");
            }

            var before = data.BytesLoaded;
            await data.LoadAsync(missing.Offset, missing.Count, cancellationToken).ConfigureAwait(false);
            if (data.BytesLoaded == before && data.Length is null)
            {
                throw new JinaImageHeaderException(format, $"the source returned no bytes at offset {missing.Offset}.");
            }
        }
    }

    private static JinaImageHeaderException Truncated(ImageFormat format, long length, (long Offset, int Count) missing) =>
        new(format, $"truncated: the data ends at byte {length}, but the header continues at byte {missing.Offset} (needs {missing.Count} more bytes).");
}
