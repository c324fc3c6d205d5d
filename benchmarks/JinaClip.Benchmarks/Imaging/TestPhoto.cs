using SkiaSharp;

namespace JinaClip.Benchmarks.Imaging;

/// <summary>
/// A 12-megapixel (4000×3000) JPEG at quality 90: gradients, a texture and per-pixel noise of ±<paramref name="noise"/>
/// levels (4: a typical phone photo, about 1.3 MB; 12: a very detailed one, about 3.5 MB, which is mostly entropy to decode),
/// the same in every channel (luma noise) or, with <c>colourNoise</c>, drawn for each channel (chroma noise too, as a
/// phone sensor gives; about 4.4 MB at ±12).
/// </summary>
internal static class TestPhoto
{
    public static byte[] Create(int seed = 1, int width = 4000, int height = 3000, int noise = 4, bool colourNoise = false)
    {
        var random = new Random(seed);
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        var pixels = new byte[info.BytesSize];
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

        using var image = SKImage.FromPixelCopy(info, pixels);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }
}
