namespace JinaClip.Imaging;

/// <summary>How an image's pixels reach the resampler.</summary>
internal enum DecodeRoute
{
    /// <summary>A baseline JPEG at least eight times the target: the package's own 1/8-scale decoder (its DC coefficients).</summary>
    DcOnly,

    /// <summary>JPEG (at the smallest DCT scale covering the target) and non-interlaced PNG: SkiaSharp's scanline decoder, a few rows at a time.</summary>
    Rows,

    /// <summary>Everything else (GIF, WebP, BMP, interlaced PNG): SkiaSharp decodes the whole first frame to RGBA.</summary>
    Whole,
}
