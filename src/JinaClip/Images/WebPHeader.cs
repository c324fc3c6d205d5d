using System.Buffers.Binary;

namespace JinaClip.Images;

/// <summary>
/// WebP: "RIFF", size, "WEBP", then the first chunk: "VP8 " (lossy key frame: start code 9D 01 2A, 14-bit sides),
/// "VP8L" (lossless: signature 0x2F, 14-bit sides minus one) or "VP8X" (extended: 24-bit canvas sides minus one).
/// </summary>
internal static class WebPHeader
{
    public static bool TryParse(HeaderBytes data, out ImageSize size)
    {
        size = default;
        if (!data.TryRead(12, 4, out var fourCc))
        {
            return false;
        }

        if (fourCc.SequenceEqual("VP8 "u8))
        {
            if (!data.TryRead(20, 10, out var frame))
            {
                return false;
            }

            if ((frame[0] & 1) != 0 || frame[3] != 0x9D || frame[4] != 0x01 || frame[5] != 0x2A)
            {
                throw SizeRules.Corrupt(ImageFormat.WebP, "the VP8 chunk does not start with a key frame (start code 9D 01 2A).");
            }

            size = SizeRules.Checked(ImageFormat.WebP, BinaryPrimitives.ReadUInt16LittleEndian(frame[6..]) & 0x3FFF, BinaryPrimitives.ReadUInt16LittleEndian(frame[8..]) & 0x3FFF);
            return true;
        }

        if (fourCc.SequenceEqual("VP8L"u8))
        {
            if (!data.TryRead(20, 5, out var lossless))
            {
                return false;
            }

            if (lossless[0] != 0x2F)
            {
                throw SizeRules.Corrupt(ImageFormat.WebP, "the VP8L chunk lacks its 0x2F signature.");
            }

            var bits = BinaryPrimitives.ReadUInt32LittleEndian(lossless[1..]);
            size = SizeRules.Checked(ImageFormat.WebP, (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1);
            return true;
        }

        if (fourCc.SequenceEqual("VP8X"u8))
        {
            if (!data.TryRead(24, 6, out var canvas))
            {
                return false;
            }

            size = SizeRules.Checked(ImageFormat.WebP, ReadUInt24(canvas) + 1L, ReadUInt24(canvas[3..]) + 1L);
            return true;
        }

        throw SizeRules.Corrupt(ImageFormat.WebP, $"the first chunk's type is 0x{Convert.ToHexString(fourCc)}, not VP8, VP8L or VP8X.");
    }

    private static int ReadUInt24(ReadOnlySpan<byte> b) => b[0] | (b[1] << 8) | (b[2] << 16);
}
