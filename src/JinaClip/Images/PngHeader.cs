using System.Buffers.Binary;

namespace JinaClip.Images;

/// <summary>PNG: the 8-byte signature, then the IHDR chunk (length 13) with big-endian width and height.</summary>
internal static class PngHeader
{
    public static bool TryParse(HeaderBytes data, out ImageSize size)
    {
        size = default;
        if (!data.TryRead(8, 16, out var ihdr))
        {
            return false;
        }

        if (!ihdr.Slice(4, 4).SequenceEqual("IHDR"u8) || BinaryPrimitives.ReadUInt32BigEndian(ihdr) != 13)
        {
            throw SizeRules.Corrupt(ImageFormat.Png, "the first chunk is not a 13-byte IHDR.");
        }

        size = SizeRules.Checked(ImageFormat.Png, BinaryPrimitives.ReadUInt32BigEndian(ihdr[8..]), BinaryPrimitives.ReadUInt32BigEndian(ihdr[12..]));
        return true;
    }
}
