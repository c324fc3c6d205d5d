using System.Buffers.Binary;
using System.IO.Compression;

namespace JinaClip.Tests.Imaging;

/// <summary>Writes real PNGs of any colour type and bit depth, every row with a different filter, with correct CRCs.</summary>
internal static class PngFiles
{
    private static readonly uint[] CrcTable = Enumerable.Range(0, 256).Select(n =>
    {
        var c = (uint)n;
        for (var k = 0; k < 8; k++)
        {
            c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
        }

        return c;
    }).ToArray();

    /// <summary>Encodes raw (unfiltered) rows; row y is filtered with filter type y % 5, or every row is marked <paramref name="forcedFilter"/> whatever its data.</summary>
    public static byte[] Encode(int width, int height, byte colourType, byte depth, Func<int, byte[]> row, byte[]? palette = null, byte? forcedFilter = null)
    {
        var channels = colourType switch { 0 => 1, 2 => 3, 3 => 1, 4 => 2, _ => 4 };
        var bpp = Math.Max(1, channels * depth / 8);
        var stride = ((width * channels * depth) + 7) / 8;
        var raw = new MemoryStream();
        using (var zlib = new ZLibStream(raw, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var previous = new byte[stride];
            for (var y = 0; y < height; y++)
            {
                var current = row(y);
                var filter = (byte)(y % 5);
                zlib.WriteByte(forcedFilter ?? filter);
                zlib.Write(Filter(filter, current, previous, bpp));
                previous = current;
            }
        }

        var file = new MemoryStream();
        file.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        (ihdr[8], ihdr[9]) = (depth, colourType);
        Chunk(file, "IHDR", ihdr);
        if (palette is not null)
        {
            Chunk(file, "PLTE", palette);
        }

        // The data in two IDAT chunks, as encoders split it.
        var data = raw.ToArray();
        Chunk(file, "IDAT", data[..(data.Length / 2)]);
        Chunk(file, "IDAT", data[(data.Length / 2)..]);
        Chunk(file, "IEND", []);
        return file.ToArray();
    }

    /// <summary>A black 1-bit greyscale PNG of <paramref name="side"/>² pixels, a few kilobytes however large: the memory-amplification upload.</summary>
    public static byte[] OneBitBomb(int side)
    {
        var row = new byte[(side + 7) / 8];
        return Encode(side, side, 0, 1, _ => row, forcedFilter: 0); // all zeros whatever the filter: one long run
    }

    private static byte[] Filter(byte filter, byte[] row, byte[] above, int bpp)
    {
        var output = new byte[row.Length];
        for (var i = 0; i < row.Length; i++)
        {
            var left = i >= bpp ? row[i - bpp] : 0;
            var upLeft = i >= bpp ? above[i - bpp] : 0;
            output[i] = (byte)(row[i] - filter switch
            {
                1 => left,
                2 => above[i],
                3 => (left + above[i]) >> 1,
                4 => Paeth(left, above[i], upLeft),
                _ => 0,
            });
        }

        return output;
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var (pa, pb, pc) = (Math.Abs(p - a), Math.Abs(p - b), Math.Abs(p - c));
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static void Chunk(Stream file, string type, byte[] body)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, body.Length);
        file.Write(length);
        byte[] typed = [.. type.Select(c => (byte)c), .. body];
        file.Write(typed);
        var crc = 0xFFFFFFFFu;
        foreach (var b in typed)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        Span<byte> sum = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(sum, crc ^ 0xFFFFFFFF);
        file.Write(sum);
    }
}
