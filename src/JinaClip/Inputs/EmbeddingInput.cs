namespace JinaClip;

/// <summary>
/// One item to embed: a text or an image. Inputs of every kind may be mixed in one call; each result keeps its input's position.
/// Images given as bytes, a file or a stream are sent as raw base64 (no <c>data:</c> prefix), at most
/// <see cref="MaxImageBytes"/> bytes each.
/// </summary>
public sealed class EmbeddingInput
{
    private const int ImageByteLimit = 8 * 1024 * 1024;

    /// <summary>Gets the largest image the API accepts, in bytes (8 MiB, 8,388,608 bytes).</summary>
    public static int MaxImageBytes => ImageByteLimit;

    private EmbeddingInput(EmbeddingInputKind kind, string? value, ReadOnlyMemory<byte> bytes = default, Stream? stream = null)
    {
        Kind = kind;
        Value = value;
        Bytes = bytes;
        Stream = stream;
    }

    /// <summary>Gets what this input holds.</summary>
    public EmbeddingInputKind Kind { get; }

    /// <summary>Gets whether this input is an image.</summary>
    public bool IsImage => Kind != EmbeddingInputKind.Text;

    /// <summary>Gets the text, the image URL or the image file path; <see langword="null"/> for bytes and streams.</summary>
    public string? Value { get; }

    /// <summary>Gets the image bytes of an <see cref="EmbeddingInputKind.ImageBytes"/> input; empty otherwise.</summary>
    public ReadOnlyMemory<byte> Bytes { get; }

    internal Stream? Stream { get; }

    /// <summary>Creates a text input.</summary>
    /// <param name="text">The text; not empty or white space.</param>
    /// <returns>The input.</returns>
    /// <exception cref="ArgumentException"><paramref name="text"/> is null, empty or white space.</exception>
    public static EmbeddingInput FromText(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        return new EmbeddingInput(EmbeddingInputKind.Text, text);
    }

    /// <summary>Creates an image input that the API downloads from <paramref name="url"/>.</summary>
    /// <param name="url">An absolute http or https URL.</param>
    /// <returns>The input.</returns>
    /// <exception cref="ArgumentException"><paramref name="url"/> is not an absolute http(s) URL.</exception>
    public static EmbeddingInput FromImageUrl(string url)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            throw new ArgumentException($"The image URL '{url}' is not an absolute URL; give an absolute http or https URL.", nameof(url));
        }

        return FromImageUrl(uri);
    }

    /// <summary>Creates an image input that the API downloads from <paramref name="url"/>.</summary>
    /// <param name="url">An absolute http or https URL.</param>
    /// <returns>The input.</returns>
    /// <exception cref="ArgumentException"><paramref name="url"/> is not an absolute http(s) URL.</exception>
    public static EmbeddingInput FromImageUrl(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException(
                $"The image URL '{url.OriginalString}' must be an absolute http or https URL.", nameof(url));
        }

        return new EmbeddingInput(EmbeddingInputKind.ImageUrl, url.OriginalString);
    }

    /// <summary>Creates an image input from the image's encoded bytes.</summary>
    /// <param name="bytes">The image file's bytes; 1 byte to <see cref="MaxImageBytes"/>. The memory is not copied.</param>
    /// <returns>The input.</returns>
    /// <exception cref="ArgumentException"><paramref name="bytes"/> is empty or larger than 8 MiB.</exception>
    public static EmbeddingInput FromImageBytes(ReadOnlyMemory<byte> bytes)
    {
        CheckImageSize(bytes.Length, "The image bytes", nameof(bytes));
        return new EmbeddingInput(EmbeddingInputKind.ImageBytes, null, bytes);
    }

    /// <summary>Creates an image input read from a file when the call is made.</summary>
    /// <param name="path">The image file's path.</param>
    /// <returns>The input.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null, empty or white space.</exception>
    /// <remarks>A missing, empty or over-8-MiB file fails the call before any request is sent.</remarks>
    public static EmbeddingInput FromImageFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new EmbeddingInput(EmbeddingInputKind.ImageFile, path);
    }

    /// <summary>Creates an image input read from <paramref name="stream"/> when the call is made.</summary>
    /// <param name="stream">A readable stream, read once from its current position; the caller keeps ownership.</param>
    /// <returns>The input.</returns>
    /// <exception cref="ArgumentException"><paramref name="stream"/> is not readable.</exception>
    public static EmbeddingInput FromImageStream(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead)
        {
            throw new ArgumentException("The image stream is not readable.", nameof(stream));
        }

        return new EmbeddingInput(EmbeddingInputKind.ImageStream, null, stream: stream);
    }

    /// <summary>Converts a string to a text input.</summary>
    /// <param name="text">The text.</param>
    public static implicit operator EmbeddingInput(string text) => FromText(text);

    /// <summary>Describes the input by kind and size, without its content.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => Kind switch
    {
        EmbeddingInputKind.Text => $"Text ({Value!.Length} chars)",
        EmbeddingInputKind.ImageUrl => $"ImageUrl ({Value})",
        EmbeddingInputKind.ImageBytes => $"ImageBytes ({Bytes.Length} bytes)",
        EmbeddingInputKind.ImageFile => $"ImageFile ({Value})",
        EmbeddingInputKind.ImageStream => "ImageStream",
    };

    internal static void CheckImageSize(long length, string what, string? paramName)
    {
        if (length == 0)
        {
            throw new ArgumentException($"{what} are empty; an image needs at least one byte.", paramName);
        }

        if (length > MaxImageBytes)
        {
            throw new ArgumentException(
                $"{what} are {length:N0} bytes; the API accepts images of at most {MaxImageBytes:N0} bytes (8 MiB).", paramName);
        }
    }
}
