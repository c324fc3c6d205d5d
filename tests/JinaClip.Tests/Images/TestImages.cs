using System.Buffers.Binary;
using System.Text;

namespace JinaClip.Tests.Images;

/// <summary>Builds tiny image files in code: just enough structure for a header reader, in every format and variant.</summary>
internal static class TestImages
{
    public static byte[] Png(uint width, uint height)
    {
        var b = new List<byte> { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A };
        b.AddRange(U32Be(13));
        b.AddRange("IHDR"u8.ToArray());
        b.AddRange(U32Be(width));
        b.AddRange(U32Be(height));
        b.AddRange([8, 2, 0, 0, 0, 0, 0, 0, 0]); // depth, colour, compression, filter, interlace, CRC
        b.AddRange([0, 0, 0, 0, .. "IEND"u8.ToArray(), 0xAE, 0x42, 0x60, 0x82]);
        return [.. b];
    }

    /// <summary>A JPEG with optional APPn/COM segments (of any size), fill bytes, and a chosen SOF marker.</summary>
    public static byte[] Jpeg(int width, int height, byte sof = 0xC0, int exifBytes = 0, byte[]? thumbnail = null, int fillBytes = 0, int comments = 0)
    {
        var b = new List<byte> { 0xFF, 0xD8 };
        b.AddRange(Segment(0xE0, [.. "JFIF\0"u8.ToArray(), 1, 1, 0, 0, 1, 0, 1, 0, 0]));
        if (exifBytes > 0 || thumbnail is not null)
        {
            // APP1 Exif with an embedded thumbnail JPEG of a different size, padded to exifBytes per segment (max 65533).
            var payload = new List<byte>("Exif\0\0"u8.ToArray());
            payload.AddRange(thumbnail ?? []);
            var remaining = Math.Max(exifBytes - payload.Count, 0);
            payload.AddRange(new byte[Math.Min(remaining, 65533 - payload.Count)]);
            b.AddRange(Segment(0xE1, [.. payload]));
            for (remaining -= Math.Min(remaining, 65533); remaining > 0; remaining -= Math.Min(remaining, 65533))
            {
                b.AddRange(Segment(0xE2, new byte[Math.Min(remaining, 65533)]));
            }
        }

        for (var i = 0; i < comments; i++)
        {
            b.AddRange(Segment(0xFE, Encoding.ASCII.GetBytes($"comment {i}")));
        }

        b.AddRange(Segment(0xDB, new byte[65])); // DQT
        b.AddRange(Segment(0xC4, new byte[30])); // DHT: not a frame header
        b.AddRange(Enumerable.Repeat((byte)0xFF, fillBytes));
        b.AddRange(Segment(sof, [8, .. U16Be((ushort)height), .. U16Be((ushort)width), 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]));
        b.AddRange(Segment(0xDA, [3, 1, 0, 2, 0x11, 3, 0x11, 0, 0x3F, 0]));
        b.AddRange([0x12, 0x34, 0xFF, 0x00, 0x56, 0xFF, 0xD9]);
        return [.. b];
    }

    public static byte[] Gif(ushort width, ushort height, string version = "89a") =>
        [.. Encoding.ASCII.GetBytes("GIF" + version), .. U16Le(width), .. U16Le(height), 0x80, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0x3B];

    public static byte[] WebPLossy(int width, int height) =>
        Riff("VP8 ", [0x50, 0x01, 0x00, 0x9D, 0x01, 0x2A, .. U16Le((ushort)width), .. U16Le((ushort)height), 0, 0, 0, 0]);

    public static byte[] WebPLossless(int width, int height)
    {
        var bits = (uint)(width - 1) | ((uint)(height - 1) << 14);
        return Riff("VP8L", [0x2F, .. U32Le(bits), 0, 0, 0]);
    }

    public static byte[] WebPExtended(int width, int height) =>
        Riff("VP8X", [0x10, 0, 0, 0, .. U24Le(width - 1), .. U24Le(height - 1)]);

    public static byte[] BmpCore(ushort width, ushort height) =>
        [.. "BM"u8.ToArray(), .. U32Le(26 + 4), 0, 0, 0, 0, .. U32Le(26), .. U32Le(12), .. U16Le(width), .. U16Le(height), 1, 0, 24, 0, 0, 0, 0, 0];

    public static byte[] BmpInfo(int width, int height, uint headerSize = 40)
    {
        var dib = new byte[headerSize];
        BinaryPrimitives.WriteUInt32LittleEndian(dib, headerSize);
        BinaryPrimitives.WriteInt32LittleEndian(dib.AsSpan(4), width);
        BinaryPrimitives.WriteInt32LittleEndian(dib.AsSpan(8), height);
        dib[12] = 1;
        dib[14] = 24;
        return [.. "BM"u8.ToArray(), .. U32Le(14 + headerSize + 4), 0, 0, 0, 0, .. U32Le(14 + headerSize), .. dib, 0, 0, 0, 0];
    }

    /// <summary>A TIFF whose first IFD comes after some pixel bytes, with other tags before the size tags.</summary>
    public static byte[] Tiff(uint width, uint height, bool littleEndian = true, bool longs = false, int pixelBytes = 16)
    {
        var b = new List<byte>(littleEndian ? "II*\0"u8.ToArray() : "MM\0*"u8.ToArray());
        b.AddRange(U32(8 + (uint)pixelBytes, littleEndian));
        b.AddRange(new byte[pixelBytes]);
        (ushort Tag, uint Value)[] entries = [(254, 0), (256, width), (257, height), (258, 8), (259, 1)];
        b.AddRange(U16((ushort)entries.Length, littleEndian));
        foreach (var (tag, value) in entries)
        {
            b.AddRange(U16(tag, littleEndian));
            var asLong = longs || value > ushort.MaxValue;
            b.AddRange(U16(asLong ? (ushort)4 : (ushort)3, littleEndian));
            b.AddRange(U32(1, littleEndian));
            b.AddRange(asLong ? U32(value, littleEndian) : [.. U16((ushort)value, littleEndian), 0, 0]);
        }

        b.AddRange(U32(0, littleEndian));
        return [.. b];
    }

    /// <summary>A BigTIFF (version 43): 8-byte first-IFD offset, 8-byte entry count, 20-byte entries, SHORT, LONG or LONG8 values.</summary>
    public static byte[] BigTiff(uint width, uint height, bool littleEndian = true, ushort valueType = 16, int pixelBytes = 16)
    {
        var b = new List<byte>(littleEndian ? "II+\0"u8.ToArray() : "MM\0+"u8.ToArray());
        b.AddRange(U16(8, littleEndian));
        b.AddRange(U16(0, littleEndian));
        b.AddRange(U64(16 + (ulong)pixelBytes, littleEndian));
        b.AddRange(new byte[pixelBytes]);
        (ushort Tag, uint Value)[] entries = [(254, 0), (256, width), (257, height), (258, 8)];
        b.AddRange(U64((ulong)entries.Length, littleEndian));
        foreach (var (tag, value) in entries)
        {
            b.AddRange(U16(tag, littleEndian));
            b.AddRange(U16(valueType, littleEndian));
            b.AddRange(U64(1, littleEndian));
            byte[] field = valueType switch
            {
                3 => [.. U16((ushort)value, littleEndian), 0, 0, 0, 0, 0, 0],
                4 => [.. U32(value, littleEndian), 0, 0, 0, 0],
                _ => U64(value, littleEndian),
            };
            b.AddRange(field); // a value sits in the field's first bytes, in either byte order
        }

        b.AddRange(U64(0, littleEndian));
        return [.. b];
    }

    private static byte[] U64(ulong value, bool littleEndian)
    {
        var bytes = new byte[8];
        if (littleEndian)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        }
        else
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
        }

        return bytes;
    }

    /// <summary>
    /// An AVIF/HEIC with a thumbnail item (2) whose ispe comes first in ipco, a primary item (1), and optionally a
    /// grid: the primary's ispe is the one to read.
    /// </summary>
    public static byte[] Heif(string brand, uint width, uint height, bool thumbnailFirst = true, int version = 0, bool wideAssociations = false)
    {
        var ftyp = Box("ftyp", [.. Encoding.ASCII.GetBytes(brand), 0, 0, 0, 0, .. "mif1"u8.ToArray(), .. Encoding.ASCII.GetBytes(brand)]);
        var hdlr = FullBox("hdlr", 0, [0, 0, 0, 0, .. "pict"u8.ToArray(), .. new byte[13]]);
        var pitm = FullBox("pitm", version, version == 0 ? U16Be(1) : U32Be(1));
        var thumbIspe = FullBox("ispe", 0, [.. U32Be(160), .. U32Be(120)]);
        var mainIspe = FullBox("ispe", 0, [.. U32Be(width), .. U32Be(height)]);
        var pixi = FullBox("pixi", 0, [3, 8, 8, 8]);
        var ipco = Box("ipco", thumbnailFirst ? [.. thumbIspe, .. pixi, .. mainIspe] : [.. mainIspe, .. pixi, .. thumbIspe]);
        var (thumbIndex, mainIndex) = thumbnailFirst ? (1, 3) : (3, 1);
        List<byte> ipmaBody = [.. U32Be(2)];
        foreach (var (item, props) in new[] { (2u, new[] { thumbIndex, 2 }), (1u, new[] { 2, mainIndex }) })
        {
            ipmaBody.AddRange(version == 0 ? U16Be((ushort)item) : U32Be(item));
            ipmaBody.Add((byte)props.Length);
            foreach (var p in props)
            {
                ipmaBody.AddRange(wideAssociations ? U16Be((ushort)(0x8000 | p)) : [(byte)(0x80 | p)]);
            }
        }

        var ipma = FullBox("ipma", version, [.. ipmaBody], flags: wideAssociations ? 1 : 0);
        var iprp = Box("iprp", [.. ipco, .. ipma]);
        var meta = FullBox("meta", 0, [.. hdlr, .. pitm, .. iprp]);
        return [.. ftyp, .. meta, .. Box("mdat", new byte[32])];
    }

    public static byte[] Box(string type, byte[] payload) => [.. U32Be((uint)(8 + payload.Length)), .. Encoding.ASCII.GetBytes(type), .. payload];

    public static byte[] FullBox(string type, int version, byte[] payload, int flags = 0) =>
        Box(type, [(byte)version, 0, 0, (byte)flags, .. payload]);

    private static byte[] Riff(string chunk, byte[] data) =>
        [.. "RIFF"u8.ToArray(), .. U32Le((uint)(4 + 8 + data.Length)), .. "WEBP"u8.ToArray(), .. Encoding.ASCII.GetBytes(chunk), .. U32Le((uint)data.Length), .. data];

    private static byte[] Segment(byte marker, byte[] payload) => [0xFF, marker, .. U16Be((ushort)(payload.Length + 2)), .. payload];

    private static byte[] U16Be(ushort v) => [(byte)(v >> 8), (byte)v];

    private static byte[] U16Le(ushort v) => [(byte)v, (byte)(v >> 8)];

    private static byte[] U24Le(int v) => [(byte)v, (byte)(v >> 8), (byte)(v >> 16)];

    private static byte[] U32Be(uint v) => [(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v];

    private static byte[] U32Le(uint v) => [(byte)v, (byte)(v >> 8), (byte)(v >> 16), (byte)(v >> 24)];

    private static byte[] U16(ushort v, bool le) => le ? U16Le(v) : U16Be(v);

    private static byte[] U32(uint v, bool le) => le ? U32Le(v) : U32Be(v);
}
