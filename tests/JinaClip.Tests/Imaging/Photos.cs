using SkiaSharp;

namespace JinaClip.Tests.Imaging;

/// <summary>Photo-sized test images made on the fly with SkiaSharp (gradients and shapes, so they compress as photos do).</summary>
internal static class Photos
{
    public static byte[] Jpeg(int width, int height, int quality = 90) => Encode(width, height, SKEncodedImageFormat.Jpeg, quality);

    public static byte[] Png(int width, int height) => Encode(width, height, SKEncodedImageFormat.Png, 100);

    public static byte[] WebP(int width, int height) => Encode(width, height, SKEncodedImageFormat.Webp, 80);

    private static byte[] Encode(int width, int height, SKEncodedImageFormat format, int quality)
    {
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        using (var paint = new SKPaint())
        {
            paint.Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(width, height), [SKColors.SkyBlue, SKColors.DarkGreen, SKColors.SandyBrown], SKShaderTileMode.Clamp);
            canvas.DrawRect(0, 0, width, height, paint);
        }

        using (var paint = new SKPaint { Color = SKColors.Crimson, IsAntialias = true })
        {
            canvas.DrawCircle(width * 0.3f, height * 0.4f, Math.Min(width, height) * 0.2f, paint);
        }

        using var image = surface.Snapshot();
        using var data = image.Encode(format, quality);
        return data.ToArray();
    }
}
