using SkiaSharp;

namespace JinaClip.Tests.Imaging;

/// <summary>Pixel comparisons for the fidelity tests: decoding to RGB and PSNR over the three channels.</summary>
internal static class ImageFidelity
{
    /// <summary>Decodes an image to RGBA (straight alpha, no colour-space conversion), as the reference was made.</summary>
    public static (byte[] Rgba, int Width, int Height) Decode(ReadOnlySpan<byte> encoded)
    {
        using var data = SKData.CreateCopy(encoded);
        using var codec = SKCodec.Create(data) ?? throw new InvalidDataException("not an image");
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var pixels = new byte[info.BytesSize];
        Assert.Equal(SKCodecResult.Success, codec.GetPixels(info, pixels));
        return (pixels, info.Width, info.Height);
    }

    /// <summary>The centre <paramref name="side"/> × <paramref name="side"/> square, as the model's preprocessing crops it.</summary>
    public static byte[] CenterCrop(byte[] rgba, int width, int height, int side)
    {
        var left = (width - side) / 2;
        var top = (height - side) / 2;
        var cropped = new byte[side * side * 4];
        for (var y = 0; y < side; y++)
        {
            rgba.AsSpan((((top + y) * width) + left) * 4, side * 4).CopyTo(cropped.AsSpan(y * side * 4));
        }

        return cropped;
    }

    /// <summary>Peak signal-to-noise ratio over R, G and B (alpha ignored), in dB; infinity for identical pictures.</summary>
    public static double Psnr(byte[] a, byte[] b)
    {
        Assert.Equal(a.Length, b.Length);
        double sum = 0;
        long count = 0;
        for (var i = 0; i < a.Length; i += 4)
        {
            for (var c = 0; c < 3; c++)
            {
                var d = a[i + c] - b[i + c];
                sum += d * d;
                count++;
            }
        }

        var mse = sum / count;
        return mse == 0 ? double.PositiveInfinity : 10 * Math.Log10(255.0 * 255.0 / mse);
    }
}
