using System.Buffers.Binary;

namespace JinaClip.Images;

/// <summary>
/// TIFF: "II*\0" (little-endian) or "MM\0*" (big-endian), the first IFD's offset, then its entries: ImageWidth (256)
/// and ImageLength (257), each SHORT or LONG. BigTIFF (version 43: "II+\0" or "MM\0+") has the same layout with 64-bit
/// offsets and counts: an 8-byte first-IFD offset at byte 8, an 8-byte entry count, 20-byte entries, and LONG8 values.
/// </summary>
internal static class TiffHeader
{
    private const ushort ImageWidth = 256;
    private const ushort ImageLength = 257;

    public static bool TryParse(HeaderBytes data, out ImageSize size)
    {
        size = default;
        if (!data.TryRead(0, 8, out var header))
        {
            return false;
        }

        var little = header[0] == (byte)'I';
        var big = Read16(header[2..], little) == 43;
        long ifd;
        if (big)
        {
            if (!data.TryRead(0, 16, out header))
            {
                return false;
            }

            var offsetSize = Read16(header[4..], little);
            if (offsetSize != 8)
            {
                throw SizeRules.Corrupt(ImageFormat.Tiff, $"a BigTIFF states offsets of {offsetSize} bytes; 8 was expected.");
            }

            var wide = Read64(header[8..], little);
            ifd = wide > long.MaxValue / 2 ? long.MaxValue / 2 : (long)wide;
        }
        else
        {
            ifd = Read32(header[4..], little);
        }

        var headerLength = big ? 16 : 8;
        if (ifd < headerLength)
        {
            throw SizeRules.Corrupt(ImageFormat.Tiff, $"the first IFD offset {ifd} points into the file header.");
        }

        var countLength = big ? 8 : 2;
        var entryLength = big ? 20 : 12;
        if (!data.TryRead(ifd, countLength, out var countBytes))
        {
            return false;
        }

        var count = big ? (long)Math.Min(Read64(countBytes, little), int.MaxValue) : Read16(countBytes, little);
        long? width = null;
        long? height = null;
        for (var i = 0L; i < count && (width is null || height is null); i++)
        {
            if (!data.TryRead(ifd + countLength + (entryLength * i), entryLength, out var entry))
            {
                return false;
            }

            var tag = Read16(entry, little);
            if (tag is not (ImageWidth or ImageLength))
            {
                continue;
            }

            var type = Read16(entry[2..], little);
            var at = big ? 12 : 8;
            long value = type switch
            {
                3 => Read16(entry[at..], little),
                4 => Read32(entry[at..], little),
                16 when big => (long)Math.Min(Read64(entry[at..], little), long.MaxValue),
                _ => throw SizeRules.Corrupt(ImageFormat.Tiff,
                    $"tag {tag} has type {type}; SHORT (3) or LONG (4){(big ? " or LONG8 (16)" : string.Empty)} was expected."),
            };
            if (tag == ImageWidth)
            {
                width = value;
            }
            else
            {
                height = value;
            }
        }

        if (width is null || height is null)
        {
            throw SizeRules.Corrupt(ImageFormat.Tiff, $"the first IFD ({count} entries) lacks {(width is null ? "ImageWidth (256)" : "ImageLength (257)")}.");
        }

        size = SizeRules.Checked(ImageFormat.Tiff, width.Value, height.Value);
        return true;
    }

    private static ushort Read16(ReadOnlySpan<byte> b, bool little) =>
        little ? BinaryPrimitives.ReadUInt16LittleEndian(b) : BinaryPrimitives.ReadUInt16BigEndian(b);

    private static ulong Read64(ReadOnlySpan<byte> b, bool little) =>
        little ? BinaryPrimitives.ReadUInt64LittleEndian(b) : BinaryPrimitives.ReadUInt64BigEndian(b);

    private static uint Read32(ReadOnlySpan<byte> b, bool little) =>
        little ? BinaryPrimitives.ReadUInt32LittleEndian(b) : BinaryPrimitives.ReadUInt32BigEndian(b);
}
