using System.Buffers.Binary;

namespace JinaClip.Imaging;

/// <summary>
/// How an image will be decoded and the most memory that takes, worked out from its header before anything is decoded:
/// the input's copy, the decoder's own buffers, the rows in flight, the resampler and the encoded output.
/// </summary>
/// <param name="Route">The decoder.</param>
/// <param name="Width">The width decoded (a JPEG's scaled width).</param>
/// <param name="Height">The height decoded.</param>
/// <param name="Bytes">The estimated peak of memory held for this image.</param>
/// <param name="JpegScale">The DCT scale a JPEG is decoded at by SkiaSharp (1/8, 1/4, 1/2 or 1); 1 for other formats.</param>
internal sealed record DecodePlan(DecodeRoute Route, int Width, int Height, long Bytes, float JpegScale = 1f)
{
    /// <summary>The rows a scanline decode reads at a time.</summary>
    public const int RowsPerRead = 16;

    /// <summary>Plans the decode of <paramref name="image"/> (whose header is <paramref name="header"/>) for a <paramref name="target"/> resize.</summary>
    public static DecodePlan For(ReadOnlySpan<byte> image, ImageSize header, (int Width, int Height) target)
    {
        var (width, height) = (header.Width, header.Height);
        var output = BicubicResampler.WorkingBytes(width, height, target.Width, target.Height)
            + (3L * target.Width * target.Height * 4); // the crop, SkiaSharp's copy to encode, the encoded bytes
        if (header.Format == ImageFormat.Jpeg)
        {
            var sof = JpegStartOfFrame.Read(image, width, height);
            var (w, h, denominator) = ScaleFor(width, height, target, sof.Subsampling);
            var rows = image.Length + Scanlines(w) + (sof.Progressive ? sof.CoefficientBytes : 16L * width)
                + BicubicResampler.WorkingBytes(w, h, target.Width, target.Height) + (3L * target.Width * target.Height * 4);
            if (!sof.Progressive && sof.Subsampling <= 2 && (width + 7) / 8 >= target.Width && (height + 7) / 8 >= target.Height)
            {
                // The own decoder: the scan's copy, a plane a component at 1/8 (chroma's 2×2 at most four times that, or
                // upsampled to the luma plane's size), one row of RGBA at a time.
                var dc = image.Length + (((long)(width + 7) / 8) * ((height + 7) / 8) * 20) + output;
                return new(DecodeRoute.DcOnly, (width + 7) / 8, (height + 7) / 8, Math.Max(dc, rows), 1f / denominator); // SkiaSharp's 1/8 if it gives up
            }

            return new(DecodeRoute.Rows, w, h, rows, 1f / denominator);
        }

        if (header.Format == ImageFormat.Png && !IsInterlacedPng(image))
        {
            // libpng's rows (up to 16-bit RGBA, current and previous) beside SkiaSharp's.
            return new(DecodeRoute.Rows, width, height, image.Length + Scanlines(width) + (16L * width) + output);
        }

        // The whole first frame as RGBA; an interlaced PNG also in SkiaSharp's own buffer of its passes.
        var frame = 4L * width * height * (header.Format == ImageFormat.Png ? 2 : 1);
        return new(DecodeRoute.Whole, width, height, image.Length + frame + output);
    }

    private static long Scanlines(int width) => 4L * width * RowsPerRead;

    /// <summary>
    /// The size libjpeg decodes to, and its scale's denominator: the smallest of 1/8, 1/4 and 1/2 that still covers the
    /// target, one step larger for each doubling of chroma subsampling past 2 (a 4:1:1 JPEG at 1/8 scale keeps one colour
    /// sample every four output pixels across, and its colours fall under 35 dB against the model's own preprocessing).
    /// </summary>
    private static (int Width, int Height, int Denominator) ScaleFor(int width, int height, (int Width, int Height) target, int subsampling)
    {
        var chosen = 1;
        foreach (var denominator in new[] { 8, 4, 2 })
        {
            if ((width + denominator - 1) / denominator >= target.Width && (height + denominator - 1) / denominator >= target.Height)
            {
                chosen = denominator;
                break;
            }
        }

        for (var excess = subsampling; excess > 2 && chosen > 1; excess /= 2)
        {
            chosen /= 2;
        }

        return ((width + chosen - 1) / chosen, (height + chosen - 1) / chosen, chosen);
    }

    /// <summary>Whether a PNG's header says Adam7 interlacing (the byte after IHDR's filter method).</summary>
    private static bool IsInterlacedPng(ReadOnlySpan<byte> png) =>
        png.Length > 28 && BinaryPrimitives.ReadUInt32BigEndian(png[12..]) == 0x49484452 && png[28] == 1;
}
