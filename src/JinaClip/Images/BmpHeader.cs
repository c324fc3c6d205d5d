using System.Buffers.Binary;

namespace JinaClip.Images;

/// <summary>
/// BMP: "BM", a 14-byte file header, then a DIB header whose size tells its kind: 12 (BITMAPCOREHEADER, unsigned 16-bit
/// sides) or 16/40/52/56/64/108/124 (signed 32-bit sides; a negative height is a top-down image).
/// </summary>
internal static class BmpHeader
{
    public static bool TryParse(HeaderBytes data, out ImageSize size)
    {
        size = default;
        if (!data.TryRead(14, 4, out var dib))
        {
            return false;
        }

        var headerSize = BinaryPrimitives.ReadUInt32LittleEndian(dib);
        if (headerSize == 12)
        {
            if (!data.TryRead(18, 4, out var core))
            {
                return false;
            }

            size = SizeRules.Checked(ImageFormat.Bmp, BinaryPrimitives.ReadUInt16LittleEndian(core), BinaryPrimitives.ReadUInt16LittleEndian(core[2..]));
            return true;
        }

        if (headerSize is not (16 or 40 or 52 or 56 or 64 or 108 or 124))
        {
            throw SizeRules.Corrupt(ImageFormat.Bmp, $"unknown DIB header size {headerSize}.");
        }

        if (!data.TryRead(18, 8, out var info))
        {
            return false;
        }

        long width = BinaryPrimitives.ReadInt32LittleEndian(info);
        long height = BinaryPrimitives.ReadInt32LittleEndian(info[4..]);
        size = SizeRules.Checked(ImageFormat.Bmp, width, Math.Abs(height));
        return true;
    }
}
