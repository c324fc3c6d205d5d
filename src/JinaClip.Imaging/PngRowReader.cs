using System.Buffers.Binary;
using System.IO.Compression;

namespace JinaClip.Imaging;

/// <summary>
/// Decodes a non-interlaced PNG one row at a time into the resampler: the inflated stream is read a row at a time, the
/// row unfiltered against the one before it and converted to RGBA, so memory is two rows of the image however large it
/// claims to be (SkiaSharp here offers no scanline decoding of PNG, and would hold the whole image). The pixels are
/// SkiaSharp's own for every colour type and bit depth (the tests compare them): grey and palette samples expanded,
/// 16-bit samples to their high byte; alpha is carried but the resampler drops it.
/// </summary>
internal static class PngRowReader
{
    private const uint Ihdr = 0x49484452;
    private const uint Plte = 0x504C5445;
    private const uint Idat = 0x49444154;
    private const uint Iend = 0x49454E44;

    /// <summary>Decodes <paramref name="png"/> row by row into <paramref name="resampler"/>, which must be made for the PNG's size.</summary>
    /// <exception cref="InvalidDataException">The PNG is corrupt, interlaced or truncated.</exception>
    public static void Decode(ReadOnlyMemory<byte> png, BicubicResampler resampler)
    {
        var (header, palette, data) = ReadChunks(png.Span);
        var channels = header.ColourType switch { 0 => 1, 2 => 3, 3 => 1, 4 => 2, 6 => 4, _ => throw Corrupt($"colour type {header.ColourType}") };
        var bits = channels * header.Depth;
        var stride = checked((int)(((long)header.Width * bits) + 7) / 8);
        var bytesPerPixel = Math.Max(1, bits / 8);
        var previous = new byte[stride];
        var current = new byte[stride];
        var rgba = new byte[header.Width * 4];
        using var inflated = new ZLibStream(new PngDataStream(png, data), CompressionMode.Decompress);
        for (var y = 0; y < header.Height; y++)
        {
            int filter;
            try
            {
                filter = inflated.ReadByte();
                if (filter < 0 || inflated.ReadAtLeast(current, stride, throwOnEndOfStream: false) < stride)
                {
                    throw Corrupt($"the image data ends at row {y:N0} of {header.Height:N0}");
                }
            }
            catch (InvalidDataException ex) when (!ex.Message.StartsWith("The PNG", StringComparison.Ordinal))
            {
                throw Corrupt($"its compressed data is broken at row {y:N0} ({ex.Message})");
            }

            Unfilter(filter, current, previous, bytesPerPixel, y);
            ToRgba(current, rgba, header, palette);
            resampler.AddRow(rgba);
            (previous, current) = (current, previous);
        }
    }

    private static (Header Header, byte[] Palette, List<(int Offset, int Length)> Data) ReadChunks(ReadOnlySpan<byte> png)
    {
        Header? header = null;
        var palette = Array.Empty<byte>();
        var data = new List<(int, int)>();
        var at = 8;
        while (at + 12 <= png.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(png[at..]);
            var type = BinaryPrimitives.ReadUInt32BigEndian(png[(at + 4)..]);
            if (length > (uint)(png.Length - at - 12))
            {
                throw Corrupt("a chunk runs past the end of the file");
            }

            var body = png.Slice(at + 8, (int)length);
            switch (type)
            {
                case Ihdr when body.Length >= 13:
                    header = new Header(BinaryPrimitives.ReadInt32BigEndian(body), BinaryPrimitives.ReadInt32BigEndian(body[4..]), body[8], body[9]);
                    if (body[12] != 0)
                    {
                        throw Corrupt("it is interlaced, which is not decoded row by row");
                    }

                    break;
                case Plte:
                    palette = body.ToArray();
                    break;
                case Idat:
                    data.Add((at + 8, (int)length));
                    break;
                case Iend:
                    at = png.Length;
                    continue;
            }

            at += 12 + (int)length;
        }

        if (header is not { Width: > 0, Height: > 0 } h || data.Count == 0)
        {
            throw Corrupt("it has no header or no image data");
        }

        var depthOk = h.ColourType switch { 0 => h.Depth is 1 or 2 or 4 or 8 or 16, 3 => h.Depth is 1 or 2 or 4 or 8, 2 or 4 or 6 => h.Depth is 8 or 16, _ => false };
        return depthOk ? (h, palette, data) : throw Corrupt($"colour type {h.ColourType} at {h.Depth} bits");
    }

    private static void Unfilter(int filter, Span<byte> row, ReadOnlySpan<byte> above, int bpp, int y)
    {
        switch (filter)
        {
            case 0:
                break;
            case 1:
                for (var i = bpp; i < row.Length; i++)
                {
                    row[i] += row[i - bpp];
                }

                break;
            case 2:
                for (var i = 0; i < row.Length; i++)
                {
                    row[i] += above[i];
                }

                break;
            case 3:
                for (var i = 0; i < row.Length; i++)
                {
                    row[i] += (byte)(((i >= bpp ? row[i - bpp] : 0) + above[i]) >> 1);
                }

                break;
            case 4:
                for (var i = 0; i < row.Length; i++)
                {
                    row[i] += Paeth(i >= bpp ? row[i - bpp] : (byte)0, above[i], i >= bpp ? above[i - bpp] : (byte)0);
                }

                break;
            default:
                throw Corrupt($"row {y:N0} has filter type {filter}");
        }
    }

    private static byte Paeth(byte a, byte b, byte c)
    {
        var p = a + b - c;
        var (pa, pb, pc) = (Math.Abs(p - a), Math.Abs(p - b), Math.Abs(p - c));
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static void ToRgba(ReadOnlySpan<byte> row, Span<byte> rgba, Header header, byte[] palette)
    {
        var wide = header.Depth == 16 ? 2 : 1; // a 16-bit sample: its high byte comes first
        for (var x = 0; x < header.Width; x++)
        {
            byte r, g, b;
            switch (header.ColourType)
            {
                case 0:
                    r = g = b = header.Depth >= 8 ? row[x * wide] : (byte)(Sample(row, x, header.Depth) * 255 / ((1 << header.Depth) - 1));
                    break;
                case 3:
                    var index = header.Depth == 8 ? row[x] : Sample(row, x, header.Depth);
                    (r, g, b) = (index * 3) + 2 < palette.Length ? (palette[index * 3], palette[(index * 3) + 1], palette[(index * 3) + 2]) : ((byte)0, (byte)0, (byte)0);
                    break;
                case 4:
                    r = g = b = row[x * 2 * wide];
                    break;
                default: // 2 (RGB) and 6 (RGBA)
                    var at = x * (header.ColourType == 2 ? 3 : 4) * wide;
                    (r, g, b) = (row[at], row[at + wide], row[at + (2 * wide)]);
                    break;
            }

            rgba[x * 4] = r;
            rgba[(x * 4) + 1] = g;
            rgba[(x * 4) + 2] = b;
            rgba[(x * 4) + 3] = 255;
        }
    }

    /// <summary>The <paramref name="x"/>th sample of <paramref name="depth"/> bits (1, 2 or 4), most significant first.</summary>
    private static int Sample(ReadOnlySpan<byte> row, int x, int depth)
    {
        var bit = x * depth;
        return (row[bit >> 3] >> (8 - depth - (bit & 7))) & ((1 << depth) - 1);
    }

    private static InvalidDataException Corrupt(string why) => new($"The PNG image is corrupt: {why}.");

    private sealed record Header(int Width, int Height, int Depth, int ColourType);
}
