using System.Buffers.Binary;

namespace JinaClip.Images;

/// <summary>GIF: "GIF87a"/"GIF89a", then the logical screen width and height (little-endian 16-bit).</summary>
internal static class GifHeader
{
    public static bool TryParse(HeaderBytes data, out ImageSize size)
    {
        size = default;
        if (!data.TryRead(6, 4, out var screen))
        {
            return false;
        }

        size = SizeRules.Checked(ImageFormat.Gif, BinaryPrimitives.ReadUInt16LittleEndian(screen), BinaryPrimitives.ReadUInt16LittleEndian(screen[2..]));
        return true;
    }
}
