using System.Buffers.Binary;

namespace JinaClip.Images;

/// <summary>
/// JPEG: after SOI (FF D8), walks the marker segments — any number of APPn/COM/DQT/DHT/DRI… of any length, fill bytes
/// (extra FF) and standalone markers — to the first frame header, SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC),
/// and reads its height and width. Only the 4-byte segment headers are read; segment bodies (EXIF, thumbnails) are
/// skipped. Every step moves forward, so corrupt data cannot loop.
/// </summary>
internal static class JpegHeader
{
    public static bool TryParse(HeaderBytes data, out ImageSize size)
    {
        size = default;
        long position = 2;
        while (true)
        {
            if (!data.TryRead(position, 1, out var lead))
            {
                return false;
            }

            if (lead[0] != 0xFF)
            {
                throw SizeRules.Corrupt(ImageFormat.Jpeg, $"expected a marker (FF) at byte {position}, found {lead[0]:X2}.");
            }

            // Fill bytes: any number of extra FF before the marker code.
            byte marker;
            do
            {
                position++;
                if (!data.TryRead(position, 1, out var code))
                {
                    return false;
                }

                marker = code[0];
            }
            while (marker == 0xFF);

            position++;
            switch (marker)
            {
                case 0x01:
                case >= 0xD0 and <= 0xD7:
                    continue; // standalone markers carry no length
                case 0x00:
                    throw SizeRules.Corrupt(ImageFormat.Jpeg, $"a stuffed FF 00 appears at byte {position - 2} outside any scan.");
                case 0xD8:
                    throw SizeRules.Corrupt(ImageFormat.Jpeg, $"a second start-of-image marker appears at byte {position - 2}.");
                case 0xD9:
                    throw SizeRules.Corrupt(ImageFormat.Jpeg, "the image ends (EOI) before any frame header.");
                case 0xDA:
                    throw SizeRules.Corrupt(ImageFormat.Jpeg, "a scan (SOS) starts before any frame header.");
            }

            if (!data.TryRead(position, 2, out var lengthBytes))
            {
                return false;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(lengthBytes);
            if (length < 2)
            {
                throw SizeRules.Corrupt(ImageFormat.Jpeg, $"the segment FF {marker:X2} at byte {position - 2} declares a length of {length}.");
            }

            if (IsFrameHeader(marker))
            {
                if (length < 8)
                {
                    throw SizeRules.Corrupt(ImageFormat.Jpeg, $"the frame header (FF {marker:X2}) declares {length} bytes, too few for its size fields.");
                }

                if (!data.TryRead(position + 2, 5, out var frame))
                {
                    return false;
                }

                var height = BinaryPrimitives.ReadUInt16BigEndian(frame[1..]);
                var width = BinaryPrimitives.ReadUInt16BigEndian(frame[3..]);
                if (height == 0)
                {
                    throw SizeRules.Corrupt(ImageFormat.Jpeg, "the frame header gives height 0 (defined later by a DNL marker), which is not supported.");
                }

                size = SizeRules.Checked(ImageFormat.Jpeg, width, height);
                return true;
            }

            position += length;
        }
    }

    private static bool IsFrameHeader(byte marker) => marker is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC);
}
