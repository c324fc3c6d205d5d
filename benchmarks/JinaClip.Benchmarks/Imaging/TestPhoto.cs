using SkiaSharp;

namespace JinaClip.Benchmarks.Imaging;

/// <summary>
/// A 12-megapixel (4000×3000) JPEG at quality 90 (or <c>quality</c>): gradients, a texture and per-pixel noise of ±<paramref name="noise"/>
/// levels (4: a typical phone photo, about 1.3 MB; 12: a very detailed one, about 3.5 MB, which is mostly entropy to decode),
/// the same in every channel (luma noise) or, with <c>colourNoise</c>, drawn for each channel (chroma noise too, as a
/// phone sensor gives; about 4.4 MB at ±12).
/// </summary>
internal static class TestPhoto
{
    public static byte[] Create(int seed = 1, int width = 4000, int height = 3000, int noise = 4, bool colourNoise = false, int quality = 90)
    {
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using var image = SKImage.FromPixelCopy(info, Pixels(seed, width, height, noise, colourNoise));
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, quality);
        return data.ToArray();
    }

    /// <summary>The same picture as a binary PPM (RGB), for encoders of other libraries such as libjpeg-turbo's <c>cjpeg</c>.</summary>
    public static byte[] Ppm(int seed = 1, int width = 4000, int height = 3000, int noise = 4, bool colourNoise = false)
    {
        var rgba = Pixels(seed, width, height, noise, colourNoise);
        var header = System.Text.Encoding.ASCII.GetBytes($"P6\n{width} {height}\n255\n");
        var ppm = new byte[header.Length + (width * height * 3)];
        header.CopyTo(ppm, 0);
        for (int i = 0, o = header.Length; i < rgba.Length; i += 4, o += 3)
        {
            (ppm[o], ppm[o + 1], ppm[o + 2]) = (rgba[i], rgba[i + 1], rgba[i + 2]);
        }

        return ppm;
    }

    private static byte[] Pixels(int seed, int width, int height, int noise, bool colourNoise)
    {
        var random = new Random(seed);
        var pixels = new byte[width * height * 4];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var i = ((y * width) + x) * 4;
                var n = random.Next(-noise, noise + 1);
                var (g, b) = colourNoise ? (random.Next(-noise, noise + 1), random.Next(-noise, noise + 1)) : (n, n);
                pixels[i] = (byte)Math.Clamp((x * 255 / width) + n, 0, 255);
                pixels[i + 1] = (byte)Math.Clamp((y * 255 / height) + g, 0, 255);
                pixels[i + 2] = (byte)Math.Clamp(128 + (int)(60 * Math.Sin((x + (seed * 97)) / 90.0)) + b, 0, 255);
                pixels[i + 3] = 255;
            }
        }

        return pixels;
    }
}
