namespace JinaClip;

/// <summary>An image as an <see cref="IImagePreprocessor"/> prepared it: the bytes to send, and what was done.</summary>
public sealed class PreparedImage
{
    /// <summary>Creates a prepared image.</summary>
    /// <param name="data">The bytes to send.</param>
    /// <param name="originalSize">The image's size as given, when known.</param>
    /// <param name="sentSize">The size of <paramref name="data"/>, or <see langword="null"/> when unchanged.</param>
    /// <param name="note">Why the image was sent unchanged, or <see langword="null"/>.</param>
    public PreparedImage(ReadOnlyMemory<byte> data, ImageSize? originalSize, ImageSize? sentSize, string? note = null)
    {
        Data = data;
        OriginalSize = originalSize;
        SentSize = sentSize;
        Note = note;
    }

    /// <summary>Gets the bytes to send.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>Gets the image's size as given, when known.</summary>
    public ImageSize? OriginalSize { get; }

    /// <summary>Gets the size sent, or <see langword="null"/> when the image is sent unchanged.</summary>
    public ImageSize? SentSize { get; }

    /// <summary>Gets why the image was sent unchanged (e.g. <c>not downscaled: HEIC</c>), or <see langword="null"/>.</summary>
    public string? Note { get; }

    /// <summary>The image is sent byte for byte as it was given.</summary>
    /// <param name="data">The original bytes.</param>
    /// <param name="originalSize">Its size, when known.</param>
    /// <param name="note">Why, or <see langword="null"/>.</param>
    /// <returns>The prepared image.</returns>
    public static PreparedImage Unchanged(ReadOnlyMemory<byte> data, ImageSize? originalSize = null, string? note = null) => new(data, originalSize, null, note);

    /// <summary>Describes what was done, without the bytes.</summary>
    /// <returns>The sizes and the note.</returns>
    public override string ToString() => $"PreparedImage {{ Bytes = {Data.Length}, OriginalSize = {OriginalSize}, SentSize = {SentSize}, Note = {Note} }}";
}
