namespace JinaClip;

/// <summary>An image format whose size <see cref="ImageHeaderReader"/> reads from the header bytes.</summary>
public enum ImageFormat
{
    /// <summary>PNG (the IHDR chunk).</summary>
    Png,

    /// <summary>JPEG (the first SOFn frame header: baseline, extended, progressive, lossless, arithmetic, differential).</summary>
    Jpeg,

    /// <summary>GIF87a/GIF89a (the logical screen size).</summary>
    Gif,

    /// <summary>WebP (VP8, VP8L or VP8X).</summary>
    WebP,

    /// <summary>BMP (core or info header; a negative height is a top-down image).</summary>
    Bmp,

    /// <summary>TIFF, either byte order (the first IFD's ImageWidth and ImageLength).</summary>
    Tiff,

    /// <summary>AVIF (the primary item's <c>ispe</c> property).</summary>
    Avif,

    /// <summary>HEIC/HEIF (the primary item's <c>ispe</c> property).</summary>
    Heic,
}
