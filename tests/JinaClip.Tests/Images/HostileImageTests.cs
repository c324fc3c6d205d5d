using System.Buffers.Binary;

namespace JinaClip.Tests.Images;

/// <summary>Broken and hostile input: only a size or <see cref="JinaImageHeaderException"/>, never a hang, a wrong size or another exception.</summary>
public class HostileImageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> VariantNames => ImageHeaderReaderTests.VariantNames;

    private static byte[] Build(string name, int w = 300, int h = 200) =>
        ImageHeaderReaderTests.Variants.Single(v => v.Name == name).Build(w, h);

    private static JinaImageHeaderException Fails(byte[] bytes) => Assert.Throws<JinaImageHeaderException>(() => ImageHeaderReader.Read(bytes));

    [Theory]
    [MemberData(nameof(VariantNames))]
    public async Task EveryTruncation_BeforeTheSizeFields_IsTheDocumentedException(string name)
    {
        var bytes = Build(name);
        var needed = ShortestReadablePrefix(bytes);

        for (var length = 0; length < needed; length += length < 2000 ? 1 : 997)
        {
            var ex = Fails(bytes[..length]);
            // Cut exactly after a box, an AVIF/HEIC truthfully has no meta box; otherwise a cut is reported as one.
            var named = ex.Message.Contains("truncated", StringComparison.Ordinal) || ex.Message.Contains("has no meta box", StringComparison.Ordinal);
            Assert.True(length < 8 || named || ex.Format is null, $"{length}: {ex.Message}");
            await Assert.ThrowsAsync<JinaImageHeaderException>(() => ImageHeaderReader.ReadAsync(new ForwardOnlyStream(bytes[..length]), Ct));
        }

        // From the first length that holds the header on, the size is right.
        Assert.Equal(new ImageSize(ImageHeaderReaderTests.Variants.Single(v => v.Name == name).Format, 300, 200), ImageHeaderReader.Read(bytes.AsMemory(0, needed)));
    }

    [Theory]
    [MemberData(nameof(VariantNames))]
    public void RandomCorruption_GivesASizeOrTheDocumentedException(string name)
    {
        var valid = Build(name);
        var rng = new Random(name.GetHashCode(StringComparison.Ordinal));
        for (var trial = 0; trial < 400; trial++)
        {
            var bytes = valid.ToArray();
            for (var flips = rng.Next(1, 5); flips > 0; flips--)
            {
                // Most flips land in the first bytes, where the header is.
                bytes[rng.Next(Math.Min(bytes.Length, 120))] = (byte)rng.Next(256);
            }

            try
            {
                var size = ImageHeaderReader.Read(bytes);
                Assert.InRange(size.Width, 1, 1 << 24);
                Assert.InRange(size.Height, 1, 1 << 24);
            }
            catch (JinaImageHeaderException)
            {
            }
        }
    }

    public static TheoryData<ImageFormat> EveryFormat => [.. Enum.GetValues<ImageFormat>()];

    [Theory]
    [MemberData(nameof(EveryFormat))]
    public void RandomBytes_BehindEachFormatsMagic_ReachThatFormatsReader_AndGiveASizeOrTheDocumentedException(ImageFormat format)
    {
        // Every reader meets garbage: the format's own signature, then random bytes. The reader of that format (never
        // detection) must answer, with a size or a JinaImageHeaderException naming the format, and nothing else.
        var rng = new Random(42 + (int)format);
        for (var trial = 0; trial < 1000; trial++)
        {
            var magic = Magic(format, trial);
            var bytes = new byte[magic.Length + rng.Next(0, 200)];
            rng.NextBytes(bytes);
            magic.CopyTo(bytes, 0);

            try
            {
                Assert.Equal(format, ImageHeaderReader.Read(bytes).Format);
            }
            catch (JinaImageHeaderException ex)
            {
                Assert.Equal(format, ex.Format);
            }
        }
    }

    [Fact]
    public void RandomBytes_WithoutAMagic_AreRefusedByDetection()
    {
        var rng = new Random(7);
        for (var trial = 0; trial < 1000; trial++)
        {
            var bytes = new byte[rng.Next(0, 200)];
            rng.NextBytes(bytes);

            try
            {
                ImageHeaderReader.Read(bytes);
            }
            catch (JinaImageHeaderException)
            {
            }
        }
    }

    private static byte[] Magic(ImageFormat format, int trial) => format switch
    {
        ImageFormat.Png => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A],
        ImageFormat.Jpeg => [0xFF, 0xD8, 0xFF],
        ImageFormat.Gif => trial % 2 == 0 ? "GIF89a"u8.ToArray() : "GIF87a"u8.ToArray(),
        ImageFormat.WebP => [.. "RIFF"u8.ToArray(), 0x40, 0, 0, 0, .. "WEBP"u8.ToArray()],
        ImageFormat.Bmp => "BM"u8.ToArray(),
        ImageFormat.Tiff => trial % 2 == 0 ? "II*\0"u8.ToArray() : "MM\0*"u8.ToArray(),
        ImageFormat.Avif => TestImages.Box("ftyp", [.. "avif"u8.ToArray(), 0, 0, 0, 0, .. "mif1"u8.ToArray()]),
        ImageFormat.Heic => TestImages.Box("ftyp", [.. "heic"u8.ToArray(), 0, 0, 0, 0, .. "mif1"u8.ToArray()]),
    };

    [Fact]
    public void Empty_And_UnknownMagic_AreNamed()
    {
        Assert.Contains("empty", Fails([]).Message, StringComparison.Ordinal);
        var unknown = Fails("%PDF-1.7 not an image"u8.ToArray());
        Assert.Null(unknown.Format);
        Assert.Contains("unrecognised image format: its data starts 25 50 44 46 2D 31 2E 37", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("unrecognised", Fails(TestImages.Box("ftyp", [.. "isom"u8.ToArray(), 0, 0, 0, 0, .. "mp41"u8.ToArray()])).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0u, 10u)]
    [InlineData(10u, 0u)]
    [InlineData(0x8000_0000u, 10u)]
    [InlineData(20_000_000u, 20_000_000u)]
    public void Png_AbsurdSizes_AreRejected(uint w, uint h)
    {
        var ex = Fails(TestImages.Png(w, h));
        Assert.Equal(ImageFormat.Png, ex.Format);
        Assert.Contains("absurd size", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Png_FirstChunkNotIhdr_IsCorrupt()
    {
        var bytes = TestImages.Png(10, 10);
        bytes[12] = (byte)'X';
        Assert.Contains("PNG: the first chunk is not a 13-byte IHDR", Fails(bytes).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Jpeg_SegmentLengthPastTheEnd_IsTruncated()
    {
        var bytes = TestImages.Jpeg(100, 100);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(4), 0xFFF0); // APP0 claims 65,520 bytes
        var ex = Fails(bytes);
        Assert.Equal(ImageFormat.Jpeg, ex.Format);
        Assert.Contains("truncated", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Jpeg_SegmentLengthBelowTwo_IsCorrupt(ushort length)
    {
        var bytes = TestImages.Jpeg(100, 100);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(4), length);
        Assert.Contains($"declares a length of {length}", Fails(bytes).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Jpeg_ScanOrEndBeforeAFrame_IsCorrupt()
    {
        Assert.Contains("scan (SOS) starts before any frame header", Fails([0xFF, 0xD8, 0xFF, 0xDA, 0, 2]).Message, StringComparison.Ordinal);
        Assert.Contains("ends (EOI) before any frame header", Fails([0xFF, 0xD8, 0xFF, 0xD9]).Message, StringComparison.Ordinal);
        Assert.Contains("expected a marker (FF) at byte 8, found 00", Fails([0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0, 0x00, 0x11]).Message, StringComparison.Ordinal);
        Assert.Contains("height 0", Fails(TestImages.Jpeg(100, 0)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Jpeg_EndlessFillBytes_EndsAsTruncatedNotAHang()
    {
        byte[] bytes = [0xFF, 0xD8, .. Enumerable.Repeat((byte)0xFF, 100_000)];
        Assert.Contains("truncated", Fails(bytes).Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<JinaImageHeaderException>(() => ImageHeaderReader.ReadAsync(new ForwardOnlyStream(bytes), Ct));
    }

    [Fact]
    public void Tiff_IfdOffsetIntoTheHeaderOrPastTheEnd_IsRejected()
    {
        var bytes = TestImages.Tiff(100, 100);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), 2);
        Assert.Contains("points into the file header", Fails(bytes).Message, StringComparison.Ordinal);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), 0xFFFF_FFF0);
        Assert.Contains("truncated", Fails(bytes).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tiff_WithoutSizeTags_IsCorrupt()
    {
        var bytes = TestImages.Tiff(100, 100);
        ReplaceAll(bytes, [0x01, 0x01, 0x03, 0x00], [0x09, 0x09, 0x03, 0x00]); // tag 257 -> 2313
        Assert.Contains("lacks ImageLength (257)", Fails(bytes).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Heif_BoxSizeBelowItsHeaderOrBeyondItsParent_IsCorrupt()
    {
        var bytes = TestImages.Heif("avif", 100, 100);
        var meta = bytes.AsSpan().IndexOf("meta"u8) - 4;
        var corrupt = bytes.ToArray();
        BinaryPrimitives.WriteUInt32BigEndian(corrupt.AsSpan(meta), 4);
        Assert.Contains("does not fit its container", Fails(corrupt).Message, StringComparison.Ordinal);

        var ispe = bytes.AsSpan().LastIndexOf("ispe"u8) - 4;
        corrupt = bytes.ToArray();
        BinaryPrimitives.WriteUInt32BigEndian(corrupt.AsSpan(ispe), 0x7000_0000);
        Assert.Contains("does not fit its container", Fails(corrupt).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Heif_WithoutMetaPitmOrIspe_IsCorrupt()
    {
        var noMeta = TestImages.Box("ftyp", [.. "avif"u8.ToArray(), 0, 0, 0, 0, .. "avif"u8.ToArray()]).Concat(TestImages.Box("mdat", new byte[8])).ToArray();
        Assert.Contains("AVIF: the file has no meta box", Fails(noMeta).Message, StringComparison.Ordinal);

        var bytes = TestImages.Heif("heic", 100, 100);
        var noPitm = bytes.ToArray();
        ReplaceAll(noPitm, "pitm"u8, "xxxx"u8);
        Assert.Contains("HEIC: the meta box has no primary item (pitm)", Fails(noPitm).Message, StringComparison.Ordinal);

        var noIspe = bytes.ToArray();
        ReplaceAll(noIspe, "ispe"u8, "abcd"u8);
        Assert.Contains("has no image size property (ispe)", Fails(noIspe).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Heif_IpmaClaimingMoreEntriesThanItHolds_IsCorrupt()
    {
        var bytes = TestImages.Heif("avif", 100, 100);
        var ipma = bytes.AsSpan().IndexOf("ipma"u8);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(ipma + 8), 0x7FFF_FFFF);
        Assert.Contains("declares 2147483647 entries", Fails(bytes).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WebP_UnknownChunkOrBadSignature_IsCorrupt()
    {
        var lossy = TestImages.WebPLossy(10, 10);
        lossy[23] = 0;
        Assert.Contains("start code 9D 01 2A", Fails(lossy).Message, StringComparison.Ordinal);
        var unknown = TestImages.WebPLossy(10, 10);
        unknown[15] = (byte)'Z';
        Assert.Contains("WebP: the first chunk's type is 0x5650385A", Fails(unknown).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bmp_UnknownHeaderSize_IsCorrupt() =>
        Assert.Contains("unknown DIB header size 41", Fails(TestImages.BmpInfo(10, 10, 41)).Message, StringComparison.Ordinal);

    [Fact]
    public async Task HeaderBeyondTheReadLimit_IsRejectedWithoutReadingFurther()
    {
        // 17 MB of APPn segments before the frame, from a stream that cannot seek.
        var jpeg = TestImages.Jpeg(10, 10, exifBytes: 17 * 1024 * 1024);
        var stream = new CountingStream(new ForwardOnlyStream(jpeg));

        var ex = await Assert.ThrowsAsync<JinaImageHeaderException>(() => ImageHeaderReader.ReadAsync(stream, Ct));

        Assert.Contains("beyond the first 16 MiB", ex.Message, StringComparison.Ordinal);
        Assert.InRange(stream.BytesRead, 1, ImageHeaderReader.MaxHeaderBytes + 8192);
    }

    private static void ReplaceAll(byte[] data, ReadOnlySpan<byte> from, ReadOnlySpan<byte> to)
    {
        for (var i = data.AsSpan().IndexOf(from); i >= 0; i = data.AsSpan().IndexOf(from))
        {
            to.CopyTo(data.AsSpan(i));
        }
    }

    /// <summary>Binary search: a prefix that holds the header stays readable when longer.</summary>
    private static int ShortestReadablePrefix(byte[] bytes)
    {
        var (low, high) = (0, bytes.Length);
        while (low < high)
        {
            var mid = (low + high) / 2;
            (low, high) = Reads(bytes[..mid]) ? (low, mid) : (mid + 1, high);
        }

        return low;
    }

    private static bool Reads(byte[] bytes)
    {
        try
        {
            ImageHeaderReader.Read(bytes);
            return true;
        }
        catch (JinaImageHeaderException)
        {
            return false;
        }
    }
}
