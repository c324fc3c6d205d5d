namespace JinaClip.Imaging;

/// <summary>
/// The headers of a baseline JPEG up to its first scan, read for <see cref="JpegDcDecoder"/>; <see langword="null"/>
/// for any JPEG it leaves to SkiaSharp.
/// </summary>
internal sealed class JpegFrame
{
    private JpegFrame(int width, int height, JpegComponent[] components, int restartInterval, int scanStart)
    {
        (Width, Height, Components, RestartInterval, ScanStart) = (width, height, components, restartInterval, scanStart);
        MaxH = components.Max(c => c.H);
        MaxV = components.Max(c => c.V);
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Gets the components in scan order: Y, Cb, Cr (or Y alone).</summary>
    public JpegComponent[] Components { get; }

    public int MaxH { get; }

    public int MaxV { get; }

    /// <summary>Gets the MCUs per restart interval, 0 for none.</summary>
    public int RestartInterval { get; }

    /// <summary>Gets where the first scan's entropy-coded data starts.</summary>
    public int ScanStart { get; }

    public static JpegFrame? Read(ReadOnlySpan<byte> jpeg)
    {
        var quantizers = new int[4][];
        var dc = new HuffmanSkipTable?[4];
        var ac = new HuffmanSkipTable?[4];
        var ids = Array.Empty<int>();
        var factors = Array.Empty<(int H, int V, int Table)>();
        int width = 0, height = 0, restart = 0;
        var adobeTransform = -1;
        if (jpeg.Length < 4 || jpeg[0] != 0xFF || jpeg[1] != 0xD8)
        {
            return null;
        }

        var at = 2;
        while (at + 4 <= jpeg.Length)
        {
            if (jpeg[at] != 0xFF)
            {
                return null;
            }

            var marker = jpeg[at + 1];
            if (marker == 0xFF)
            {
                at++; // fill byte
                continue;
            }

            var length = (jpeg[at + 2] << 8) | jpeg[at + 3];
            if (length < 2 || at + 2 + length > jpeg.Length)
            {
                return null;
            }

            var segment = jpeg.Slice(at + 4, length - 2);
            switch (marker)
            {
                case 0xC0 or 0xC1:
                    if (segment.Length < 6 || segment[0] != 8)
                    {
                        return null; // 12-bit samples
                    }

                    height = (segment[1] << 8) | segment[2];
                    width = (segment[3] << 8) | segment[4];
                    var count = segment[5];
                    if (count is not (1 or 3) || segment.Length < 6 + (3 * count))
                    {
                        return null; // CMYK, or a short segment
                    }

                    ids = new int[count];
                    factors = new (int, int, int)[count];
                    for (var c = 0; c < count; c++)
                    {
                        ids[c] = segment[6 + (3 * c)];
                        factors[c] = (segment[7 + (3 * c)] >> 4, segment[7 + (3 * c)] & 15, segment[8 + (3 * c)] & 3);
                    }

                    break;
                case >= 0xC2 and <= 0xCF when marker is not (0xC4 or 0xC8 or 0xCC):
                    return null; // progressive, lossless, hierarchical or arithmetic-coded
                case 0xC4:
                    for (var p = 0; p < segment.Length;)
                    {
                        if (p + 17 > segment.Length)
                        {
                            return null;
                        }

                        var total = 0;
                        for (var i = 1; i <= 16; i++)
                        {
                            total += segment[p + i];
                        }

                        if (p + 17 + total > segment.Length || (segment[p] & 15) > 3)
                        {
                            return null;
                        }

                        var isAc = segment[p] >> 4 == 1;
                        var table = HuffmanSkipTable.Get(segment.Slice(p + 1, 16), segment.Slice(p + 17, total), isAc);
                        (isAc ? ac : dc)[segment[p] & 15] = table;
                        if (table is null)
                        {
                            return null;
                        }

                        p += 17 + total;
                    }

                    break;
                case 0xDB:
                    for (var p = 0; p < segment.Length;)
                    {
                        var sixteenBit = segment[p] >> 4 == 1;
                        var size = sixteenBit ? 129 : 65;
                        if (p + size > segment.Length || (segment[p] & 15) > 3)
                        {
                            return null;
                        }

                        var table = new int[64];
                        for (var k = 0; k < 64; k++)
                        {
                            table[JpegDcDecoder.NaturalOrder[k]] = sixteenBit ? (segment[p + 1 + (2 * k)] << 8) | segment[p + 2 + (2 * k)] : segment[p + 1 + k];
                        }

                        quantizers[segment[p] & 15] = table;
                        p += size;
                    }

                    break;
                case 0xDD:
                    if (segment.Length < 2)
                    {
                        return null;
                    }

                    restart = (segment[0] << 8) | segment[1];
                    break;
                case 0xEE:
                    if (segment.Length >= 12 && segment[..5].SequenceEqual("Adobe"u8))
                    {
                        adobeTransform = segment[11];
                    }

                    break;
                case 0xDA:
                    return Scan(segment, at + 2 + length, width, height, ids, factors, quantizers, dc, ac, restart, adobeTransform);
            }

            at += 2 + length;
        }

        return null;
    }

    private static JpegFrame? Scan(
        ReadOnlySpan<byte> segment, int scanStart, int width, int height, int[] ids, (int H, int V, int Table)[] factors,
        int[]?[] quantizers, HuffmanSkipTable?[] dc, HuffmanSkipTable?[] ac, int restart, int adobeTransform)
    {
        if (width == 0 || height == 0 || ids.Length == 0 || segment.Length < 1 + (2 * ids.Length) + 3 || segment[0] != ids.Length)
        {
            return null; // no frame yet, or a scan without every component (a non-interleaved multi-scan JPEG)
        }

        if (ids.Length == 3 && (adobeTransform == 0 || (ids[0] == 'R' && ids[1] == 'G' && ids[2] == 'B')))
        {
            return null; // RGB stored as is, not YCbCr
        }

        var spectral = segment[(1 + (2 * ids.Length))..];
        if (spectral[0] != 0 || spectral[1] != 63 || spectral[2] != 0)
        {
            return null;
        }

        var components = new JpegComponent[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            var c = Array.IndexOf(ids, segment[1 + (2 * i)]);
            var (dcTable, acTable) = (dc[segment[2 + (2 * i)] >> 4 & 3], ac[segment[2 + (2 * i)] & 3]);
            if (c != i || dcTable is null || acTable is null || quantizers[factors[c].Table] is not { } quantizer)
            {
                return null;
            }

            components[i] = new JpegComponent(factors[c].H, factors[c].V, quantizer, dcTable, acTable);
        }

        var (maxH, maxV) = (components.Max(c => c.H), components.Max(c => c.V));
        for (var i = 0; i < components.Length && components.Length > 1; i++)
        {
            // libjpeg-turbo (jdmaster.c) doubles a component's reduced IDCT size while both sampling ratios allow it: at
            // 1/8 scale, chroma subsampled 2× both ways gets the 2×2 IDCT and needs no upsampling.
            components[i] = components[i] with { TwoByTwo = maxH == 2 * components[i].H && maxV == 2 * components[i].V };
        }

        var supported = components.Length == 1
            || (components[0].H == maxH && components[0].V == maxV && components.All(c => c.H is 1 or 2 && c.V is 1 or 2 && maxH % c.H == 0 && maxV % c.V == 0));
        return supported ? new JpegFrame(width, height, components, restart, scanStart) : null;
    }
}
