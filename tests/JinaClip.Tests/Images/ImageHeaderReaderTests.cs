using JinaClip.Tests.TestSupport;

namespace JinaClip.Tests.Images;

public class ImageHeaderReaderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static readonly int[] EdgeSides = [1, 223, 224, 225, 447, 448, 449, 4000];

    /// <summary>Every format and variant, built for a given size.</summary>
    public static readonly (string Name, ImageFormat Format, Func<int, int, byte[]> Build)[] Variants =
    [
        ("png", ImageFormat.Png, (w, h) => TestImages.Png((uint)w, (uint)h)),
        ("jpeg-baseline", ImageFormat.Jpeg, (w, h) => TestImages.Jpeg(w, h, 0xC0)),
        ("jpeg-extended", ImageFormat.Jpeg, (w, h) => TestImages.Jpeg(w, h, 0xC1)),
        ("jpeg-progressive", ImageFormat.Jpeg, (w, h) => TestImages.Jpeg(w, h, 0xC2)),
        ("jpeg-lossless", ImageFormat.Jpeg, (w, h) => TestImages.Jpeg(w, h, 0xC3)),
        ("jpeg-arithmetic", ImageFormat.Jpeg, (w, h) => TestImages.Jpeg(w, h, 0xC9)),
        ("jpeg-arith-progressive", ImageFormat.Jpeg, (w, h) => TestImages.Jpeg(w, h, 0xCA)),
        ("jpeg-differential", ImageFormat.Jpeg, (w, h) => TestImages.Jpeg(w, h, 0xC5)),
        ("jpeg-exif-thumbnail", ImageFormat.Jpeg, (w, h) => TestImages.Jpeg(w, h, thumbnail: TestImages.Jpeg(160, 120), exifBytes: 60_000, comments: 3)),
        ("jpeg-huge-exif", ImageFormat.Jpeg, (w, h) => TestImages.Jpeg(w, h, 0xC2, exifBytes: 300_000)),
        ("jpeg-fill-bytes", ImageFormat.Jpeg, (w, h) => TestImages.Jpeg(w, h, fillBytes: 7)),
        ("gif87a", ImageFormat.Gif, (w, h) => TestImages.Gif((ushort)w, (ushort)h, "87a")),
        ("gif89a", ImageFormat.Gif, (w, h) => TestImages.Gif((ushort)w, (ushort)h)),
        ("webp-vp8", ImageFormat.WebP, TestImages.WebPLossy),
        ("webp-vp8l", ImageFormat.WebP, TestImages.WebPLossless),
        ("webp-vp8x", ImageFormat.WebP, TestImages.WebPExtended),
        ("bmp-core", ImageFormat.Bmp, (w, h) => TestImages.BmpCore((ushort)w, (ushort)h)),
        ("bmp-info", ImageFormat.Bmp, (w, h) => TestImages.BmpInfo(w, h)),
        ("bmp-v5-top-down", ImageFormat.Bmp, (w, h) => TestImages.BmpInfo(w, -h, 124)),
        ("bmp-v4", ImageFormat.Bmp, (w, h) => TestImages.BmpInfo(w, h, 108)),
        ("tiff-le-short", ImageFormat.Tiff, (w, h) => TestImages.Tiff((uint)w, (uint)h)),
        ("tiff-be-long", ImageFormat.Tiff, (w, h) => TestImages.Tiff((uint)w, (uint)h, littleEndian: false, longs: true)),
        ("tiff-be-short-far-ifd", ImageFormat.Tiff, (w, h) => TestImages.Tiff((uint)w, (uint)h, littleEndian: false, pixelBytes: 50_000)),
        ("bigtiff-le-long8", ImageFormat.Tiff, (w, h) => TestImages.BigTiff((uint)w, (uint)h)),
        ("bigtiff-be-long8", ImageFormat.Tiff, (w, h) => TestImages.BigTiff((uint)w, (uint)h, littleEndian: false)),
        ("bigtiff-be-short", ImageFormat.Tiff, (w, h) => TestImages.BigTiff((uint)w, (uint)h, littleEndian: false, valueType: 3)),
        ("bigtiff-le-long-far-ifd", ImageFormat.Tiff, (w, h) => TestImages.BigTiff((uint)w, (uint)h, valueType: 4, pixelBytes: 50_000)),
        ("avif", ImageFormat.Avif, (w, h) => TestImages.Heif("avif", (uint)w, (uint)h)),
        ("avif-v1-wide", ImageFormat.Avif, (w, h) => TestImages.Heif("avif", (uint)w, (uint)h, thumbnailFirst: false, version: 1, wideAssociations: true)),
        ("heic", ImageFormat.Heic, (w, h) => TestImages.Heif("heic", (uint)w, (uint)h)),
        ("heic-mif1", ImageFormat.Heic, (w, h) => TestImages.Heif("mif1", (uint)w, (uint)h, thumbnailFirst: false)),
    ];

    public static TheoryData<string> VariantNames => [.. Variants.Select(v => v.Name)];

    private static (ImageFormat Format, Func<int, int, byte[]> Build) Variant(string name)
    {
        var v = Variants.Single(v => v.Name == name);
        return (v.Format, v.Build);
    }

    [Theory]
    [MemberData(nameof(VariantNames))]
    public async Task EveryVariant_AtEdgeSizes_ReadsTheSizeFromBytesStreamsAndFiles(string name)
    {
        var (format, build) = Variant(name);
        foreach (var side in EdgeSides)
        {
            var (w, h) = (side, Math.Max(1, side - 1));
            var bytes = build(w, h);
            var expected = new ImageSize(format, w, h);

            Assert.Equal(expected, ImageHeaderReader.Read(bytes));
            Assert.Equal(expected, await ImageHeaderReader.ReadAsync(new MemoryStream(bytes), Ct));
            Assert.Equal(expected, await ImageHeaderReader.ReadAsync(new ForwardOnlyStream(bytes), Ct));
            using var file = new TempFile(bytes);
            Assert.Equal(expected, await ImageHeaderReader.ReadFileAsync(file.Path, Ct));
        }
    }

    [Fact]
    public void Jpeg_ReadsTheMainFrame_NotTheExifThumbnails()
    {
        var bytes = TestImages.Jpeg(4000, 3000, thumbnail: TestImages.Jpeg(160, 120), exifBytes: 65_000);

        Assert.Equal(new ImageSize(ImageFormat.Jpeg, 4000, 3000), ImageHeaderReader.Read(bytes));
    }

    [Fact]
    public void Heif_ReadsThePrimaryItemsIspe_NotTheThumbnails()
    {
        Assert.Equal(new ImageSize(ImageFormat.Heic, 4032, 3024), ImageHeaderReader.Read(TestImages.Heif("heic", 4032, 3024, thumbnailFirst: true)));
        Assert.Equal(new ImageSize(ImageFormat.Avif, 4032, 3024), ImageHeaderReader.Read(TestImages.Heif("avif", 4032, 3024, thumbnailFirst: false)));
    }

    [Fact]
    public async Task Detection_UsesTheBytesNotTheName()
    {
        using var file = new TempFile(TestImages.Png(300, 200)); // named .bin
        Assert.Equal(ImageFormat.Png, (await ImageHeaderReader.ReadFileAsync(file.Path, Ct)).Format);
    }

    [Fact]
    public async Task Streams_AreReadOnlyAsFarAsTheHeaderNeeds()
    {
        // A JPEG with 300 KB of APPn blocks before its frame header, then 5 MB of scan data.
        var jpeg = TestImages.Jpeg(4000, 3000, exifBytes: 300_000).Concat(new byte[5_000_000]).ToArray();
        var seekable = new CountingStream(new MemoryStream(jpeg));
        var forward = new CountingStream(new ForwardOnlyStream(jpeg));

        Assert.Equal(4000, (await ImageHeaderReader.ReadAsync(seekable, Ct)).Width);
        Assert.Equal(4000, (await ImageHeaderReader.ReadAsync(forward, Ct)).Width);

        Assert.InRange(seekable.BytesRead, 1, 8 * 1024);    // seeks past the EXIF: a few 1 KiB pages
        Assert.InRange(forward.BytesRead, 300_000, 320_000); // must read through it, but no further
        var png = TestImages.Png(10, 10).Concat(new byte[5_000_000]).ToArray();
        var pngStream = new CountingStream(new MemoryStream(png));
        await ImageHeaderReader.ReadAsync(pngStream, Ct);
        Assert.Equal(1024, pngStream.BytesRead);
    }

    [Fact]
    public async Task Stream_StartingMidway_ReadsFromItsPosition()
    {
        var stream = new MemoryStream([.. new byte[100], .. TestImages.Gif(33, 44)]) { Position = 100 };

        Assert.Equal(new ImageSize(ImageFormat.Gif, 33, 44), await ImageHeaderReader.ReadAsync(stream, Ct));
    }

    [Fact]
    public void Bmp_TopDownNegativeHeight_IsItsAbsoluteValue() =>
        Assert.Equal(new ImageSize(ImageFormat.Bmp, 640, 480), ImageHeaderReader.Read(TestImages.BmpInfo(640, -480)));
}
