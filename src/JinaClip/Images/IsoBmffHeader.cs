using System.Buffers.Binary;

namespace JinaClip.Images;

/// <summary>
/// AVIF and HEIC (ISO base media file format): <c>ftyp</c> names the brand; in <c>meta</c>, <c>pitm</c> names the
/// primary item and <c>iprp</c>/<c>ipma</c> associates it with properties in <c>ipco</c>, of which its <c>ispe</c>
/// gives the size — the primary image's, not a thumbnail's or a grid tile's. Every box must fit in its parent and be
/// at least a header long, so corrupt data cannot loop or point outside.
/// </summary>
internal static class IsoBmffHeader
{
    private static readonly string[] AvifBrands = ["avif", "avis"];
    private static readonly string[] HeicBrands = ["heic", "heix", "heim", "heis", "hevc", "hevx", "hevm", "hevs", "mif1", "msf1"];

    /// <summary>Decides AVIF or HEIC from the <c>ftyp</c> brands, or <see langword="null"/> for other ISOBMFF files (e.g. MP4).</summary>
    public static ImageFormat? Brand(ReadOnlySpan<byte> prefix)
    {
        if (prefix.Length < 12 || !prefix.Slice(4, 4).SequenceEqual("ftyp"u8))
        {
            return null;
        }

        var size = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(prefix), (uint)prefix.Length);
        var brands = new List<string> { System.Text.Encoding.ASCII.GetString(prefix.Slice(8, 4)) };
        for (var i = 16; i + 4 <= size; i += 4)
        {
            brands.Add(System.Text.Encoding.ASCII.GetString(prefix.Slice(i, 4)));
        }

        return brands.Exists(b => Array.IndexOf(AvifBrands, b) >= 0) ? ImageFormat.Avif
            : brands.Exists(b => Array.IndexOf(HeicBrands, b) >= 0) ? ImageFormat.Heic
            : null;
    }

    public static bool TryParse(HeaderBytes data, ImageFormat format, out ImageSize size)
    {
        size = default;
        // Top-level boxes are bounded by the file, not a parent: one running past the data is a truncation.
        if (!TryFind(data, format, 0, long.MaxValue, "meta", out var meta, out var found))
        {
            return false;
        }

        if (!found)
        {
            throw SizeRules.Corrupt(format, "the file has no meta box.");
        }

        var children = meta.Payload + 4; // full box: version and flags
        if (!TryFind(data, format, children, meta.End, "pitm", out var pitm, out found))
        {
            return false;
        }

        if (!found)
        {
            throw SizeRules.Corrupt(format, "the meta box has no primary item (pitm).");
        }

        if (!data.TryRead(pitm.Payload, 1, out var pitmVersion))
        {
            return false;
        }

        var idSize = pitmVersion[0] == 0 ? 2 : 4;
        if (pitm.Payload + 4 + idSize > pitm.End)
        {
            throw SizeRules.Corrupt(format, "the pitm box is too short for its item id.");
        }

        if (!data.TryRead(pitm.Payload + 4, idSize, out var pitmId))
        {
            return false;
        }

        var primary = idSize == 2 ? BinaryPrimitives.ReadUInt16BigEndian(pitmId) : BinaryPrimitives.ReadUInt32BigEndian(pitmId);
        if (!TryFind(data, format, children, meta.End, "iprp", out var iprp, out found))
        {
            return false;
        }

        if (!found)
        {
            throw SizeRules.Corrupt(format, "the meta box has no item properties (iprp).");
        }

        if (!TryFind(data, format, iprp.Payload, iprp.End, "ipco", out var ipco, out found))
        {
            return false;
        }

        if (!found)
        {
            throw SizeRules.Corrupt(format, "the item properties have no property container (ipco).");
        }

        var associated = new List<int>();
        for (var offset = iprp.Payload; offset < iprp.End;)
        {
            if (!TryBox(data, format, offset, iprp.End, out var box))
            {
                return false;
            }

            if (box.Type == "ipma" && !TryAssociations(data, format, box, primary, associated))
            {
                return false;
            }

            offset = box.End;
        }

        foreach (var index in associated)
        {
            if (!TryProperty(data, format, ipco, index, out var property, out found))
            {
                return false;
            }

            if (found && property.Type == "ispe")
            {
                if (property.Payload + 12 > property.End)
                {
                    throw SizeRules.Corrupt(format, "the ispe box is too short for a width and height.");
                }

                if (!data.TryRead(property.Payload, 12, out var ispe))
                {
                    return false;
                }

                size = SizeRules.Checked(format, BinaryPrimitives.ReadUInt32BigEndian(ispe[4..]), BinaryPrimitives.ReadUInt32BigEndian(ispe[8..]));
                return true;
            }
        }

        throw SizeRules.Corrupt(format, $"the primary item {primary} has no image size property (ispe).");
    }

    private static bool TryFind(HeaderBytes data, ImageFormat format, long offset, long end, string type, out Box box, out bool found)
    {
        found = false;
        box = default;
        // Only the top level may end where the data ends; inside a box that runs past the data, TryBox's read fails and
        // the cut is reported as a truncation, not an absence.
        while (offset < end && !(end == long.MaxValue && data.Length is { } length && offset == length))
        {
            if (!TryBox(data, format, offset, end, out box))
            {
                return false;
            }

            if (box.Type == type)
            {
                found = true;
                return true;
            }

            offset = box.End;
        }

        return true;
    }

    /// <summary>Finds the 1-based <paramref name="index"/>-th property in <c>ipco</c>.</summary>
    private static bool TryProperty(HeaderBytes data, ImageFormat format, Box ipco, int index, out Box property, out bool found)
    {
        property = default;
        found = false;
        var offset = ipco.Payload;
        for (var i = 1; i <= index && offset < ipco.End; i++)
        {
            if (!TryBox(data, format, offset, ipco.End, out property))
            {
                return false;
            }

            if (i == index)
            {
                found = true;
                return true;
            }

            offset = property.End;
        }

        return true;
    }

    private static bool TryAssociations(HeaderBytes data, ImageFormat format, Box ipma, uint primary, List<int> associated)
    {
        if (!data.TryRead(ipma.Payload, 8, out var head))
        {
            return false;
        }

        var version = head[0];
        var wide = (head[3] & 1) != 0;
        var entries = BinaryPrimitives.ReadUInt32BigEndian(head[4..]);
        var offset = ipma.Payload + 8;
        if (entries > (ipma.End - offset) / 3)
        {
            throw SizeRules.Corrupt(format, $"the ipma box declares {entries} entries, more than its {ipma.End - offset} bytes can hold.");
        }

        var idSize = version == 0 ? 2 : 4;
        for (var e = 0; e < entries; e++)
        {
            if (offset + idSize + 1 > ipma.End)
            {
                throw SizeRules.Corrupt(format, "an ipma entry runs past the end of its box.");
            }

            if (!data.TryRead(offset, idSize + 1, out var entry))
            {
                return false;
            }

            var item = idSize == 2 ? BinaryPrimitives.ReadUInt16BigEndian(entry) : BinaryPrimitives.ReadUInt32BigEndian(entry);
            var count = entry[idSize];
            offset += idSize + 1;
            var length = count * (wide ? 2 : 1);
            if (offset + length > ipma.End)
            {
                throw SizeRules.Corrupt(format, "an ipma entry's associations run past the end of its box.");
            }

            if (item == primary)
            {
                if (!data.TryRead(offset, length, out var list))
                {
                    return false;
                }

                for (var a = 0; a < count; a++)
                {
                    associated.Add(wide ? BinaryPrimitives.ReadUInt16BigEndian(list[(2 * a)..]) & 0x7FFF : list[a] & 0x7F);
                }
            }

            offset += length;
        }

        return true;
    }

    private static bool TryBox(HeaderBytes data, ImageFormat format, long offset, long parentEnd, out Box box)
    {
        box = default;
        if (!data.TryRead(offset, 8, out var header))
        {
            return false;
        }

        long size = BinaryPrimitives.ReadUInt32BigEndian(header);
        var type = System.Text.Encoding.ASCII.GetString(header.Slice(4, 4));
        var headerSize = 8;
        if (size == 1)
        {
            if (!data.TryRead(offset + 8, 8, out var large))
            {
                return false;
            }

            var largeSize = BinaryPrimitives.ReadUInt64BigEndian(large);
            size = largeSize > long.MaxValue / 2 ? -1 : (long)largeSize;
            headerSize = 16;
        }
        else if (size == 0)
        {
            size = parentEnd == long.MaxValue ? long.MaxValue / 2 : parentEnd - offset; // to the end of its container
        }

        if (size < headerSize || (parentEnd != long.MaxValue && offset + size > parentEnd))
        {
            throw SizeRules.Corrupt(format, $"the box '{Printable(type)}' at byte {offset} declares {size} bytes, which does not fit its container.");
        }

        box = new Box(type, offset + headerSize, offset + size);
        return true;
    }

    private static string Printable(string type) => type.All(c => c is >= ' ' and <= '~') ? type : "?";

    private readonly record struct Box(string Type, long Payload, long End);
}
