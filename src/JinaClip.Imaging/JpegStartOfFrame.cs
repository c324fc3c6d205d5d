namespace JinaClip.Imaging;

/// <summary>
/// What a JPEG's start-of-frame says about the memory libjpeg needs: whether it is progressive (or another multi-scan
/// kind, which buffers every DCT coefficient of the image before any row comes out), and how much those take.
/// </summary>
/// <param name="Progressive">Whether the frame is not baseline or extended sequential (SOF0/SOF1).</param>
/// <param name="CoefficientBytes">For a multi-scan frame, libjpeg's whole-image coefficient buffer: 128 bytes a block of every component.</param>
/// <param name="Subsampling">
/// How many pixels of the image share one sample of its most subsampled component, across or down, whichever is more:
/// 1 for 4:4:4 and grayscale, 2 for 4:2:0 and 4:2:2, 4 for 4:1:1.
/// </param>
internal readonly record struct JpegStartOfFrame(bool Progressive, long CoefficientBytes, int Subsampling = 2)
{
    /// <summary>Reads the first start-of-frame segment; a JPEG without a readable one is taken as multi-scan with four full-size components (the most memory).</summary>
    public static JpegStartOfFrame Read(ReadOnlySpan<byte> jpeg, int width, int height)
    {
        var at = 2;
        while (at + 4 <= jpeg.Length && jpeg[at] == 0xFF)
        {
            var marker = jpeg[at + 1];
            if (marker == 0xFF)
            {
                at++;
                continue;
            }

            var length = (jpeg[at + 2] << 8) | jpeg[at + 3];
            if (marker is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC))
            {
                return at + 2 + length <= jpeg.Length && length >= 8 ? FromSegment(marker, jpeg.Slice(at + 4, length - 2)) : Unknown(width, height);
            }

            if (marker == 0xDA || length < 2)
            {
                break;
            }

            at += 2 + length;
        }

        return Unknown(width, height);
    }

    private static JpegStartOfFrame FromSegment(byte marker, ReadOnlySpan<byte> segment)
    {
        var height = (segment[1] << 8) | segment[2];
        var width = (segment[3] << 8) | segment[4];
        var count = segment[5];
        var progressive = marker is not (0xC0 or 0xC1);
        if (segment.Length < 6 + (3 * count))
        {
            return new(progressive, progressive ? 128L * 3 * Blocks(width) * Blocks(height) : 0);
        }

        int maxH = 1, maxV = 1;
        for (var c = 0; c < count; c++)
        {
            maxH = Math.Max(maxH, segment[7 + (3 * c)] >> 4);
            maxV = Math.Max(maxV, segment[7 + (3 * c)] & 15);
        }

        var bytes = 0L;
        var subsampling = 1;
        for (var c = 0; c < count; c++)
        {
            var (h, v) = (Math.Max(1, segment[7 + (3 * c)] >> 4), Math.Max(1, segment[7 + (3 * c)] & 15));
            bytes += 128L * Blocks(((width * h) + maxH - 1) / maxH) * Blocks(((height * v) + maxV - 1) / maxV);
            subsampling = Math.Max(subsampling, Math.Max(maxH / h, maxV / v));
        }

        return new(progressive, progressive ? bytes : 0, subsampling);
    }

    private static JpegStartOfFrame Unknown(int width, int height) => new(true, 128L * 4 * Blocks(width) * Blocks(height)); // CMYK at 4:4:4

    private static long Blocks(int pixels) => ((long)pixels + 15) / 16 * 2; // whole MCUs of up to 16 pixels
}
