using JinaClip.Imaging;
using SkiaSharp;

namespace JinaClip.Tests.Imaging;

/// <summary>
/// The DC-only 1/8-scale JPEG decoder against SkiaSharp's own 1/8 decode (libjpeg-turbo) of the same file: luma is the
/// same block mean, chroma is upsampled from DC alone, so colour pictures agree to well above the fidelity target.
/// </summary>
public class JpegDcDecoderTests
{
    public static TheoryData<string, int, int, SKJpegEncoderDownsample, int> Photos() => new()
    {
        { "4:2:0, a multiple of 16", 2400, 1800, SKJpegEncoderDownsample.Downsample420, 90 },
        { "4:2:0, odd size", 2403, 1797, SKJpegEncoderDownsample.Downsample420, 90 },
        { "4:2:2", 2000, 1600, SKJpegEncoderDownsample.Downsample422, 85 },
        { "4:4:4", 1800, 2000, SKJpegEncoderDownsample.Downsample444, 95 },
        { "4:2:0, quality 100 (large coefficients)", 1792, 1792, SKJpegEncoderDownsample.Downsample420, 100 },
    };

    [Theory]
    [MemberData(nameof(Photos))]
    public void TryDecode_ColourPhoto_AgreesWithSkiaSharpsEighthScaleDecode(string label, int width, int height, SKJpegEncoderDownsample sampling, int quality)
    {
        var jpeg = Photo(width, height, sampling, quality);

        var decoded = JpegDcDecoder.TryDecode(jpeg);

        Assert.NotNull(decoded);
        var (rgba, w, h) = decoded.Value;
        Assert.Equal(((width + 7) / 8, (height + 7) / 8), (w, h));
        var skia = SkiaEighth(jpeg, w, h);
        var psnr = ImageFidelity.Psnr(rgba, skia);
        TestContext.Current.TestOutputHelper?.WriteLine($"{label}: {psnr:0.0} dB against SkiaSharp's 1/8 decode");
        Assert.True(psnr >= 40, $"{label}: {psnr:0.00} dB");
    }

    [Fact]
    public void TryDecode_Grayscale_IsSkiaSharpsEighthScaleDecode_ExactlyOrWithinOneLevel()
    {
        var jpeg = Photo(2000, 1500, SKJpegEncoderDownsample.Downsample420, 90, gray: true);

        var (rgba, w, h) = JpegDcDecoder.TryDecode(jpeg)!.Value;

        var skia = SkiaEighth(jpeg, w, h);
        var worst = 0;
        for (var i = 0; i < rgba.Length; i += 4)
        {
            worst = Math.Max(worst, Math.Abs(rgba[i] - skia[i]));
        }

        Assert.True(worst <= 1, $"largest difference {worst} levels");
    }

    [Theory]
    [InlineData("progressive.jpg")]
    [InlineData("cmyk.jpg")]
    public void TryDecode_AJpegItLeavesToSkiaSharp_IsNull(string fixture)
    {
        var jpeg = File.ReadAllBytes(Path.Combine(FidelityTests.FixtureFolder, fixture));

        Assert.Null(JpegDcDecoder.TryDecode(jpeg));
    }

    [Fact]
    public void TryDecode_TruncatedOrCorrupt_IsNull_NeverAnOutOfRangeRead()
    {
        var jpeg = Photo(2400, 1800, SKJpegEncoderDownsample.Downsample420, 90);
        var random = new Random(7);

        foreach (var cut in new[] { 700, jpeg.Length / 3, jpeg.Length - 100 })
        {
            Assert.Null(JpegDcDecoder.TryDecode(jpeg.AsSpan(0, cut)));
        }

        for (var i = 0; i < 20; i++)
        {
            var damaged = (byte[])jpeg.Clone();
            var scan = damaged.AsSpan().IndexOf([(byte)0xFF, (byte)0xDA]);
            random.NextBytes(damaged.AsSpan(scan + 200 + (i * 997), 64));
            _ = JpegDcDecoder.TryDecode(damaged); // decodes to something or gives up; it must not throw or read out of range
        }
    }

    [Fact]
    public void TryDecode_WithRestartMarkers_MatchesTheSameImageWithout()
    {
        var fixture = Path.Combine(FidelityTests.FixtureFolder, "restart.jpg");
        var jpeg = File.ReadAllBytes(fixture);
        Assert.True(jpeg.AsSpan().IndexOf([(byte)0xFF, (byte)0xDD]) > 0, "the fixture has a DRI marker");

        var (rgba, w, h) = JpegDcDecoder.TryDecode(jpeg)!.Value;

        var psnr = ImageFidelity.Psnr(rgba, SkiaEighth(jpeg, w, h));
        Assert.True(psnr >= 40, $"{psnr:0.00} dB");
    }

    private static byte[] Photo(int width, int height, SKJpegEncoderDownsample sampling, int quality, bool gray = false)
    {
        var random = new Random(width ^ height);
        var info = new SKImageInfo(width, height, gray ? SKColorType.Gray8 : SKColorType.Rgba8888, SKAlphaType.Opaque);
        var pixels = new byte[info.BytesSize];
        var channels = gray ? 1 : 4;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var i = ((y * width) + x) * channels;
                var n = random.Next(-10, 11);
                pixels[i] = (byte)Math.Clamp((x * 255 / width) + n, 0, 255);
                if (!gray)
                {
                    pixels[i + 1] = (byte)Math.Clamp((y * 255 / height) + random.Next(-10, 11), 0, 255);
                    pixels[i + 2] = (byte)Math.Clamp(128 + (int)(90 * Math.Sin(x / 70.0) * Math.Cos(y / 50.0)) + n, 0, 255);
                    pixels[i + 3] = 255;
                }
            }
        }

        using var image = SKImage.FromPixelCopy(info, pixels);
        using var pixmap = image.PeekPixels();
        using var data = pixmap.Encode(new SKJpegEncoderOptions(quality, sampling, SKJpegEncoderAlphaOption.Ignore))!;
        return data.ToArray();
    }

    private static byte[] SkiaEighth(byte[] jpeg, int width, int height)
    {
        using var data = SKData.CreateCopy(jpeg);
        using var codec = SKCodec.Create(data);
        Assert.Equal(new SKSizeI(width, height), codec.GetScaledDimensions(0.125f));
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var pixels = new byte[info.BytesSize];
        Assert.Equal(SKCodecResult.Success, codec.GetPixels(info, pixels));
        return pixels;
    }

}
