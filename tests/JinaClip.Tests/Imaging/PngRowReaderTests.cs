using JinaClip.Imaging;
using SkiaSharp;

namespace JinaClip.Tests.Imaging;

/// <summary><see cref="PngRowReader"/>: row by row, the same pixels as SkiaSharp's whole decode, for every colour type and depth.</summary>
public class PngRowReaderTests
{
    public static TheoryData<byte, byte> ColourTypesAndDepths() => new()
    {
        { 0, 1 }, { 0, 2 }, { 0, 4 }, { 0, 8 }, { 0, 16 },
        { 2, 8 }, { 2, 16 },
        { 3, 1 }, { 3, 2 }, { 3, 4 }, { 3, 8 },
        { 4, 8 }, { 4, 16 },
        { 6, 8 }, { 6, 16 },
    };

    [Theory]
    [MemberData(nameof(ColourTypesAndDepths))]
    public void Decode_EveryColourTypeAndDepth_EveryFilter_GivesSkiaSharpsPixels(byte colourType, byte depth)
    {
        const int Width = 37, Height = 23; // odd sizes: partial bytes at the end of sub-byte rows
        var random = new Random((colourType * 100) + depth);
        var channels = colourType switch { 0 => 1, 2 => 3, 3 => 1, 4 => 2, _ => 4 };
        var stride = ((Width * channels * depth) + 7) / 8;
        var rows = Enumerable.Range(0, Height).Select(_ =>
        {
            var row = new byte[stride];
            random.NextBytes(row);
            return row;
        }).ToArray();
        var palette = colourType == 3 ? Enumerable.Range(0, 3 << depth).Select(_ => (byte)random.Next(256)).ToArray() : null;
        var png = PngFiles.Encode(Width, Height, colourType, depth, y => rows[y], palette);

        var resampler = new BicubicResampler(Width, Height, Width, Height); // the same size: an exact copy, alpha made opaque
        PngRowReader.Decode(png, resampler);

        Assert.Equal(SkiaRgb(png), resampler.Finish());
    }

    [Fact]
    public void Decode_ATruncatedPng_IsCorrupt_NamingTheRow()
    {
        var png = PngFiles.Encode(64, 64, 2, 8, y => Enumerable.Repeat((byte)y, 64 * 3).ToArray());
        var cut = png[..(png.Length / 2)];

        var ex = Assert.Throws<InvalidDataException>(() => PngRowReader.Decode(cut, new BicubicResampler(64, 64, 16, 16)));

        Assert.StartsWith("The PNG image is corrupt:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_AnUnknownFilterType_IsCorrupt_NamingTheRow()
    {
        var png = PngFiles.Encode(8, 8, 0, 8, y => new byte[8], forcedFilter: 9);

        var ex = Assert.Throws<InvalidDataException>(() => PngRowReader.Decode(png, new BicubicResampler(8, 8, 4, 4)));

        Assert.Equal("The PNG image is corrupt: row 0 has filter type 9.", ex.Message);
    }

    private static byte[] SkiaRgb(byte[] png)
    {
        using var codec = SKCodec.Create(SKData.CreateCopy(png))!;
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var pixels = new byte[info.BytesSize];
        Assert.Equal(SKCodecResult.Success, codec.GetPixels(info, pixels));
        for (var i = 3; i < pixels.Length; i += 4)
        {
            pixels[i] = 255;
        }

        return pixels;
    }
}
