using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace JinaClip.Imaging;

/// <summary>
/// Decodes a baseline JPEG at 1/8 scale from its DC coefficients alone: each 8×8 block becomes one pixel, its mean,
/// which is exactly what libjpeg's 1/8-scale decode gives for luma. The AC coefficients are skipped, several Huffman
/// symbols per table lookup, which makes this about twice as fast as SkiaSharp's own 1/8 decode on a detailed photo.
/// Chroma is upsampled as libjpeg's "fancy" upsampling does and converted with libjpeg's YCbCr tables.
/// </summary>
/// <remarks>
/// Anything else is left to SkiaSharp (the result is <see langword="null"/>): progressive, arithmetic-coded or 12-bit
/// JPEGs, CMYK, RGB or Adobe-transformed colour, sampling factors other than 1 and 2, scans that do not hold every
/// component, and data that does not decode (corrupt or truncated), so that SkiaSharp reports it in its own words.
/// <para>
/// The loops are compiled fully optimized on first use (<c>AggressiveOptimization</c>): an app that prepares a few dozen
/// photos would otherwise run most of them through unoptimized first-tier code.
/// </para>
/// </remarks>
internal static class JpegDcDecoder
{
    private const int Padding = 512; // zero bytes after the scan: one block never reads further than this past its data

    /// <summary>
    /// The last zigzag position of a chroma block kept for the 2×2 inverse DCT: (0,1), (1,0), (1,1), (0,3) and (3,0), the
    /// terms that carry nearly all of a subsampled chroma block's detail at this scale; the rest are skipped, as luma's
    /// are, which keeps colour-noisy photos fast.
    /// </summary>
    private const int ChromaCoefficients = 9;

    /// <summary>Gets the natural (row-major) index of each zigzag position.</summary>
    public static ReadOnlySpan<byte> NaturalOrder =>
    [
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
        35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55,
        62, 63,
    ];

    /// <summary>Decodes the 1/8-scale picture to RGBA; <see langword="null"/> for a JPEG this decoder leaves to SkiaSharp.</summary>
    public static (byte[] Rgba, int Width, int Height)? TryDecode(ReadOnlySpan<byte> jpeg)
    {
        byte[]? rgba = null;
        var size = TryDecode(jpeg, (width, height) => (rgba = new byte[width * height * 4]) is not null, (y, row) => row.CopyTo(rgba.AsSpan(y * row.Length)));
        return size is var (w, h) ? (rgba!, w, h) : null;
    }

    /// <summary>
    /// Decodes the 1/8-scale picture straight into <paramref name="resampler"/>, one RGBA row at a time, so that the
    /// picture is never held whole; false (and nothing added) for a JPEG this decoder leaves to SkiaSharp, or one whose
    /// 1/8-scale size is not the resampler's.
    /// </summary>
    public static bool TryDecodeInto(ReadOnlySpan<byte> jpeg, BicubicResampler resampler) =>
        TryDecode(jpeg, (width, height) => (width, height) == resampler.SourceSize, (_, row) => resampler.AddRow(row)) is not null;

    /// <summary>Decodes, asks <paramref name="begin"/> whether to go on at this size (after the whole scan decoded), then hands out every row.</summary>
    private static (int Width, int Height)? TryDecode(ReadOnlySpan<byte> jpeg, Func<int, int, bool> begin, RowAction row)
    {
        var frame = JpegFrame.Read(jpeg);
        if (frame is null)
        {
            return null;
        }

        // The scan copy and the planes are pooled: a phone photo's are megabytes, and fresh large arrays each time would
        // cost a full garbage collection per image when many are prepared at once.
        var (scan, restarts) = Unstuff(jpeg[frame.ScanStart..]);
        var strides = new int[frame.Components.Length];
        var planes = new byte[frame.Components.Length][];
        try
        {
            var (width, height) = ((frame.Width + 7) / 8, (frame.Height + 7) / 8);
            if (!DecodeScan(frame, scan, restarts, planes, strides) || !begin(width, height))
            {
                return null;
            }

            WriteRows(frame, planes, strides, row);
            return (width, height);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scan);
            foreach (var plane in planes)
            {
                if (plane is not null)
                {
                    ArrayPool<byte>.Shared.Return(plane);
                }
            }
        }
    }

    /// <summary>Takes one finished RGBA row of the 1/8-scale picture.</summary>
    private delegate void RowAction(int y, ReadOnlySpan<byte> row);

    /// <summary>Copies the entropy-coded data without byte stuffing into a pooled array, noting where each restart interval starts.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (byte[] Data, List<int> Restarts) Unstuff(ReadOnlySpan<byte> source)
    {
        var data = ArrayPool<byte>.Shared.Rent(source.Length + Padding);
        var restarts = new List<int> { 0 };
        int length = 0, at = 0;
        while (at < source.Length)
        {
            var ff = source[at..].IndexOf((byte)0xFF);
            if (ff < 0 || at + ff + 1 >= source.Length)
            {
                var rest = ff < 0 ? source[at..] : source.Slice(at, ff);
                rest.CopyTo(data.AsSpan(length));
                length += rest.Length;
                break;
            }

            source.Slice(at, ff).CopyTo(data.AsSpan(length));
            length += ff;
            at += ff;
            var next = source[at + 1];
            if (next == 0x00)
            {
                data[length++] = 0xFF;
                at += 2;
            }
            else if (next is >= 0xD0 and <= 0xD7)
            {
                restarts.Add(length);
                at += 2;
            }
            else if (next == 0xFF)
            {
                at++; // a fill byte
            }
            else
            {
                break; // the marker that ends the scan
            }
        }

        restarts.Add(length); // the end of the data, for the bounds checks
        data.AsSpan(length, Padding).Clear();
        return (data, restarts);
    }

    /// <summary>
    /// Fills one pooled plane per component (with its stride) with every block's DC value, dequantized and level-shifted,
    /// or its 2×2 pixels; false if the data does not decode.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool DecodeScan(JpegFrame frame, byte[] data, List<int> restarts, byte[][] planes, int[] strides)
    {
        var components = frame.Components;
        var single = components.Length == 1;
        var (mcusWide, mcusHigh) = single
            ? ((frame.Width + 7) / 8, (frame.Height + 7) / 8)
            : ((frame.Width + (8 * frame.MaxH) - 1) / (8 * frame.MaxH), (frame.Height + (8 * frame.MaxV) - 1) / (8 * frame.MaxV));
        for (var c = 0; c < components.Length; c++)
        {
            var (h, v) = single ? (1, 1) : (components[c].H, components[c].V);
            var scale = components[c].TwoByTwo ? 2 : 1;
            strides[c] = mcusWide * h * scale;
            planes[c] = ArrayPool<byte>.Shared.Rent(strides[c] * mcusHigh * v * scale); // every entry is written below
        }

        Span<int> predictors = stackalloc int[components.Length];
        var coefficients = new int[64];
        var written = new int[64];
        ref var start = ref MemoryMarshal.GetArrayDataReference(data);
        var interval = 0;
        var end = restarts[1];
        var position = 0;
        ulong bits = 0;
        var count = 0;
        var mcu = 0;
        for (var my = 0; my < mcusHigh; my++)
        {
            for (var mx = 0; mx < mcusWide; mx++, mcu++)
            {
                if (frame.RestartInterval > 0 && mcu > 0 && mcu % frame.RestartInterval == 0)
                {
                    if (++interval >= restarts.Count - 1)
                    {
                        return false; // fewer restart markers than the interval says
                    }

                    (position, end, bits, count) = (restarts[interval], restarts[interval + 1], 0, 0);
                    predictors.Clear();
                }

                for (var c = 0; c < components.Length; c++)
                {
                    var component = components[c];
                    var (h, v) = single ? (1, 1) : (component.H, component.V);
                    for (var by = 0; by < v; by++)
                    {
                        for (var bx = 0; bx < h; bx++)
                        {
                            int diff;
                            if (component.TwoByTwo)
                            {
                                // Through a copy, so that the hot locals of the skipping path below are never address-taken.
                                var (b, n, p) = (bits, count, position);
                                var acCount = DecodeLowFrequencies(ref start, ref p, ref b, ref n, component.Dc, component.Ac, coefficients, written, out diff);
                                (bits, count, position) = (b, n, p);
                                if (acCount < 0 || position > end + 8)
                                {
                                    return false;
                                }

                                predictors[c] += diff;
                                var at = ((((my * v) + by) * 2) * strides[c]) + (((mx * h) + bx) * 2);
                                if (acCount == 0)
                                {
                                    // No AC coefficient: libjpeg's 2×2 IDCT gives the DC value in all four pixels.
                                    var flat = Clamp(((predictors[c] * component.Quantizer[0]) + 4 >> 3) + 128);
                                    (planes[c][at], planes[c][at + 1], planes[c][at + strides[c]], planes[c][at + strides[c] + 1]) = (flat, flat, flat, flat);
                                    continue;
                                }

                                coefficients[0] = predictors[c];
                                Idct2x2(coefficients, component.Quantizer, planes[c], at, strides[c]);
                                for (var i = 0; i < acCount; i++)
                                {
                                    coefficients[written[i]] = 0;
                                }

                                continue;
                            }

                            if (!DecodeBlock(ref start, ref position, ref bits, ref count, component.Dc, component.Ac, out diff) || position > end + 8)
                            {
                                return false;
                            }

                            predictors[c] += diff;
                            var value = ((predictors[c] * component.Quantizer[0]) + 4 >> 3) + 128;
                            planes[c][((((my * v) + by) * strides[c]) + (mx * h)) + bx] = Clamp(value);
                        }
                    }
                }
            }
        }

        return true;
    }

    /// <summary>Decodes one block's DC difference and skips its AC coefficients.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool DecodeBlock(ref byte start, ref int position, ref ulong bits, ref int count, HuffmanSkipTable dc, HuffmanSkipTable ac, out int diff)
    {
        Refill(ref start, ref position, ref bits, ref count);
        var size = Symbol(dc, ref bits, ref count);
        diff = Extend(ref bits, ref count, size);
        return size >= 0 && SkipAc(ref start, ref position, ref bits, ref count, ac, 1);
    }

    /// <summary>
    /// Decodes one block's DC difference and its AC coefficients up to zigzag position <see cref="ChromaCoefficients"/>
    /// into <paramref name="coefficients"/> (natural order, zero on entry), skipping the rest; returns how many it wrote
    /// (their positions in <paramref name="written"/>), or -1 if the data does not decode.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int DecodeLowFrequencies(
        ref byte start, ref int position, ref ulong bits, ref int count, HuffmanSkipTable dc, HuffmanSkipTable ac, int[] coefficients, int[] written, out int diff)
    {
        Refill(ref start, ref position, ref bits, ref count);
        var size = Symbol(dc, ref bits, ref count);
        diff = Extend(ref bits, ref count, size);
        if (size < 0)
        {
            return -1;
        }

        var acCount = 0;
        var k = 1;
        while (k <= ChromaCoefficients)
        {
            if (count < 32)
            {
                Refill(ref start, ref position, ref bits, ref count);
            }

            var symbol = Symbol(ac, ref bits, ref count);
            if (symbol < 0)
            {
                return -1;
            }

            var (run, bitsOfValue) = (symbol >> 4, symbol & 15);
            if (bitsOfValue == 0)
            {
                if (run != 15)
                {
                    return acCount; // end of block
                }

                k += 16;
                continue;
            }

            k += run;
            if (k > 63)
            {
                return -1;
            }

            var value = Extend(ref bits, ref count, bitsOfValue);
            if (k <= ChromaCoefficients)
            {
                coefficients[NaturalOrder[k]] = value;
                written[acCount++] = NaturalOrder[k];
            }

            k++;
        }

        return SkipAc(ref start, ref position, ref bits, ref count, ac, k) ? acCount : -1;
    }

    /// <summary>Skips a block's AC coefficients from zigzag position <paramref name="k"/> on, several symbols per lookup where they fit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool SkipAc(ref byte start, ref int position, ref ulong bits, ref int count, HuffmanSkipTable ac, int k)
    {
        const int Shift = 64 - HuffmanSkipTable.SkipLookahead;
        var skip = ac.Skip;
        while (k < 64)
        {
            if (count < 32)
            {
                Refill(ref start, ref position, ref bits, ref count);
            }

            var several = skip[(int)(bits >> Shift)];
            var positions = (several >> 5) & 127;
            if (several != 0 && k + positions < 64)
            {
                var length = several & 31;
                bits <<= length;
                count -= length;
                k += positions;
                if ((several & HuffmanSkipTable.EndOfBlock) != 0)
                {
                    return true;
                }

                continue;
            }

            var symbol = Symbol(ac, ref bits, ref count);
            if (symbol < 0)
            {
                return false;
            }

            var (run, bitsOfValue) = (symbol >> 4, symbol & 15);
            if (bitsOfValue == 0)
            {
                if (run != 15)
                {
                    return true; // end of block
                }

                k += 16;
                continue;
            }

            bits <<= bitsOfValue;
            count -= bitsOfValue;
            k += run + 1;
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Symbol(HuffmanSkipTable table, ref ulong bits, ref int count)
    {
        var entry = table.Fast[(int)(bits >> (64 - HuffmanSkipTable.Lookahead))];
        if (entry == 0)
        {
            return table.Decode(ref bits, ref count);
        }

        var length = entry & 31;
        bits <<= length;
        count -= length;
        return entry >> 8;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Extend(ref ulong bits, ref int count, int size)
    {
        if (size <= 0)
        {
            return 0;
        }

        var raw = (int)(bits >> (64 - size));
        bits <<= size;
        count -= size;
        return raw < 1 << (size - 1) ? raw - (1 << size) + 1 : raw;
    }

    /// <summary>
    /// libjpeg's <c>jpeg_idct_2x2</c> (jidctred.c) for a block whose coefficients past zigzag position 9 are zero: of the
    /// rows and columns 0, 1, 3, 5, 7 it reads, only (0,0), (0,1), (1,0), (1,1), (0,3) and (3,0) remain.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Idct2x2(int[] coefficients, int[] quantizer, byte[] plane, int at, int stride)
    {
        const int ConstBits = 13, Pass1Bits = 2, C1 = 29692, C3 = -10426; // FIX(3.624509785), -FIX(1.272758580)
        long Q(int natural) => (long)coefficients[natural] * quantizer[natural];

        // Pass 1, columns 0, 1 and 3 (columns 5 and 7 are zero).
        long top0, bottom0, top1, bottom1;
        var (q10, q30) = (Q(8), Q(24));
        if (q10 == 0 && q30 == 0)
        {
            top0 = bottom0 = Q(0) << Pass1Bits;
        }
        else
        {
            var (even, odd) = (Q(0) << (ConstBits + 2), (q10 * C1) + (q30 * C3));
            (top0, bottom0) = (Descale(even + odd, ConstBits - Pass1Bits + 2), Descale(even - odd, ConstBits - Pass1Bits + 2));
        }

        var q11 = Q(9);
        if (q11 == 0)
        {
            top1 = bottom1 = Q(1) << Pass1Bits;
        }
        else
        {
            var (even, odd) = (Q(1) << (ConstBits + 2), q11 * C1);
            (top1, bottom1) = (Descale(even + odd, ConstBits - Pass1Bits + 2), Descale(even - odd, ConstBits - Pass1Bits + 2));
        }

        var column3 = Q(3) << Pass1Bits;

        // Pass 2, both rows.
        Row(top0, top1, column3, plane, at);
        Row(bottom0, bottom1, column3, plane, at + stride);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static void Row(long w0, long w1, long w3, byte[] plane, int at)
        {
            var (even, odd) = (w0 << (ConstBits + 2), (w1 * C1) + (w3 * C3));
            plane[at] = Clamp((int)Descale(even + odd, ConstBits + Pass1Bits + 3 + 2) + 128);
            plane[at + 1] = Clamp((int)Descale(even - odd, ConstBits + Pass1Bits + 3 + 2) + 128);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Descale(long value, int bits) => (value + (1L << (bits - 1))) >> bits;

    /// <summary>Tops the bit buffer up to at least 56 bits with one unaligned 8-byte read (the data is padded).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Refill(ref byte start, ref int position, ref ulong bits, ref int count)
    {
        bits |= BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, position))) >> count;
        position += (63 - count) >> 3;
        count |= 56;
    }

    /// <summary>
    /// The 1/8-scale picture, row by row through one pooled row buffer: luma as decoded, chroma upsampled as libjpeg's
    /// fancy upsampling does, YCbCr to RGB.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WriteRows(JpegFrame frame, byte[][] planes, int[] strides, RowAction action)
    {
        var width = (frame.Width + 7) / 8;
        var height = (frame.Height + 7) / 8;
        var buffer = ArrayPool<byte>.Shared.Rent(width * 4);
        try
        {
            var output = buffer.AsSpan(0, width * 4);
            var lumaStride = strides[0];
            if (planes.Length == 1)
            {
                for (var y = 0; y < height; y++)
                {
                    var luma = planes[0].AsSpan(y * lumaStride, width);
                    for (var x = 0; x < width; x++)
                    {
                        var l = luma[x];
                        (output[x * 4], output[(x * 4) + 1], output[(x * 4) + 2], output[(x * 4) + 3]) = (l, l, l, 255);
                    }

                    action(y, output);
                }

                return;
            }

            var (cb, cbStride) = Chroma(frame, planes, strides, 1, width, height);
            var (cr, crStride) = Chroma(frame, planes, strides, 2, width, height);
            var (crToR, cbToB, cbToG, crToG) = (ColourTables.CrToR, ColourTables.CbToB, ColourTables.CbToG, ColourTables.CrToG);
            for (var y = 0; y < height; y++)
            {
                var luma = planes[0].AsSpan(y * lumaStride, width);
                var blue = cb.AsSpan(y * cbStride, width);
                var red = cr.AsSpan(y * crStride, width);
                for (var x = 0; x < width; x++)
                {
                    // libjpeg's jdcolor.c tables: R = Y + 1.402 Cr, G = Y − 0.34414 Cb − 0.71414 Cr, B = Y + 1.772 Cb.
                    int l = luma[x], b = blue[x], r = red[x];
                    output[x * 4] = Clamp(l + crToR[r]);
                    output[(x * 4) + 1] = Clamp(l + ((cbToG[b] + crToG[r]) >> 16));
                    output[(x * 4) + 2] = Clamp(l + cbToB[b]);
                    output[(x * 4) + 3] = 255;
                }

                action(y, output);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>A chroma plane at the output resolution and its stride: the decoded plane where it already is, else upsampled.</summary>
    private static (byte[] Plane, int Stride) Chroma(JpegFrame frame, byte[][] planes, int[] strides, int c, int width, int height)
    {
        var component = frame.Components[c];
        return component.TwoByTwo || (component.H == frame.MaxH && component.V == frame.MaxV)
            ? (planes[c], strides[c])
            : (Upsample(frame, planes[c], strides[c], c, width, height), width);
    }

    /// <summary>A chroma plane subsampled one way or both, brought to the output size with libjpeg's triangle filter (3:1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static byte[] Upsample(JpegFrame frame, byte[] plane, int stride, int c, int width, int height)
    {
        var component = frame.Components[c];
        var (rx, ry) = (frame.MaxH / component.H, frame.MaxV / component.V);
        var rows = ((frame.Height + (8 * frame.MaxV) - 1) / (8 * frame.MaxV)) * component.V;
        var output = new byte[width * height];
        var columns = new int[stride];
        for (var y = 0; y < height; y++)
        {
            // Vertical: the column sums of libjpeg's h2v2 filter (×4), or the row itself (×4).
            var row = y / ry;
            var neighbour = ry == 1 ? row : Math.Clamp((y & 1) == 0 ? row - 1 : row + 1, 0, rows - 1);
            for (var x = 0; x < stride; x++)
            {
                columns[x] = ry == 1 ? plane[(row * stride) + x] * 4 : (plane[(row * stride) + x] * 3) + plane[(neighbour * stride) + x];
            }

            for (var x = 0; x < width; x++)
            {
                var column = x / rx;
                int value;
                if (rx == 1)
                {
                    value = (columns[column] + (ry == 1 ? 0 : 1 + (y & 1))) >> 2;
                }
                else
                {
                    var next = Math.Clamp((x & 1) == 0 ? column - 1 : column + 1, 0, stride - 1);
                    value = ((columns[column] * 3) + columns[next] + ((x & 1) == 0 ? 8 : 7)) >> 4;
                }

                output[(y * width) + x] = (byte)value;
            }
        }

        return output;
    }

    // Inlined by name: the hot loops are compiled fully optimized at once (AggressiveOptimization), and the helpers they
    // call were otherwise left as calls, each tiered up on its own (10 % of a photo's time).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte Clamp(int value) => (uint)value <= 255 ? (byte)value : value < 0 ? (byte)0 : (byte)255;
}
