namespace JinaClip.Images;

/// <summary>Detects the format from the first bytes and runs its parser.</summary>
internal static class ImageHeaderParser
{
    /// <summary>The bytes detection looks at (the longest magic: RIFF....WEBP and ISOBMFF's ftyp brand).</summary>
    public const int DetectBytes = 64;

    /// <summary>Detects the format, or <see langword="null"/>; throws when the bytes are known not to be any image.</summary>
    public static ImageFormat? Detect(ReadOnlySpan<byte> prefix, bool complete)
    {
        if (prefix.StartsWith(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }))
        {
            return ImageFormat.Png;
        }

        if (prefix.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF }))
        {
            return ImageFormat.Jpeg;
        }

        if (prefix.StartsWith("GIF87a"u8) || prefix.StartsWith("GIF89a"u8))
        {
            return ImageFormat.Gif;
        }

        if (prefix.Length >= 12 && prefix.StartsWith("RIFF"u8) && prefix.Slice(8, 4).SequenceEqual("WEBP"u8))
        {
            return ImageFormat.WebP;
        }

        if (prefix.StartsWith("BM"u8))
        {
            return ImageFormat.Bmp;
        }

        if (prefix.StartsWith("II*\0"u8) || prefix.StartsWith("MM\0*"u8) || prefix.StartsWith("II+\0"u8) || prefix.StartsWith("MM\0+"u8))
        {
            return ImageFormat.Tiff;
        }

        if (IsoBmffHeader.Brand(prefix) is { } brand)
        {
            return brand;
        }

        if (!complete && prefix.Length < DetectBytes)
        {
            return null; // more bytes may still make a magic number
        }

        throw prefix.IsEmpty
            ? new JinaImageHeaderException(null, "the data is empty.")
            : new JinaImageHeaderException(null, $"unrecognised image format: {DataPrefix.Describe(prefix)}; {ImageFormats.Listed} are read.");
    }

    public static bool TryParse(HeaderBytes data, ImageFormat format, out ImageSize size) => format switch
    {
        ImageFormat.Png => PngHeader.TryParse(data, out size),
        ImageFormat.Jpeg => JpegHeader.TryParse(data, out size),
        ImageFormat.Gif => GifHeader.TryParse(data, out size),
        ImageFormat.WebP => WebPHeader.TryParse(data, out size),
        ImageFormat.Bmp => BmpHeader.TryParse(data, out size),
        ImageFormat.Tiff => TiffHeader.TryParse(data, out size),
        ImageFormat.Avif or ImageFormat.Heic => IsoBmffHeader.TryParse(data, format, out size),
    };
}
