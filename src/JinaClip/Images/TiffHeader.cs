using System.Buffers.Binary;

namespace JinaClip.Images;

/// <summary>
/// TIFF: "II*\0" (little-endian) or "MM\0*" (big-endian), the first IFD's offset, then its entries: ImageWidth (256)
/// and ImageLength (257), each SHORT or LONG.
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
        var ifd = Read32(header[4..], little);
        if (ifd < 8)
        {
            throw SizeRules.Corrupt(ImageFormat.Tiff, $"the first IFD offset {ifd} points into the file header.");
        }

        if (!data.TryRead(ifd, 2, out var countBytes))
        {
            return false;
        }

        var count = Read16(countBytes, little);
        long? width = null;
        long? height = null;
        for (var i = 0; i < count && (width is null || height is null); i++)
        {
            if (!data.TryRead(ifd + 2 + (12L * i), 12, out var entry))
            {
                return false;
            }

            var tag = Read16(entry, little);
            if (tag is not (ImageWidth or ImageLength))
            {
                continue;
            }

            var type = Read16(entry[2..], little);
            long value = type switch
            {
                3 => Read16(entry[8..], little),
                4 => Read32(entry[8..], little),
                _ => throw SizeRules.Corrupt(ImageFormat.Tiff, $"tag {tag} has type {type}; SHORT (3) or LONG (4) was expected."),
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

    private static uint Read32(ReadOnlySpan<byte> b, bool little) =>
        little ? BinaryPrimitives.ReadUInt32LittleEndian(b) : BinaryPrimitives.ReadUInt32BigEndian(b);
}
