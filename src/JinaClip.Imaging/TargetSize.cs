namespace JinaClip.Imaging;

/// <summary>
/// The size each model's policy sends an image at, from its size alone (so estimates and uploads agree). Never larger
/// than the original: an image already at or under the target is sent unchanged.
/// </summary>
internal static class TargetSize
{
    private const int Patch = 28;

    /// <summary>Gets the size to resize to (before any crop) and the crop side, or <see langword="null"/> to send the image unchanged.</summary>
    public static (int Width, int Height, int? Crop)? For(string model, int width, int height, ImageDownscalingOptions options) => model switch
    {
        JinaModels.ClipV1 => Clip(width, height, 224, options.Mode),
        JinaModels.ClipV2 => Clip(width, height, 512, options.Mode),
        JinaModels.EmbeddingsV4 => Budget(width, height, options.EmbeddingsV4MaxPixels),
        _ => null,
    };

    /// <summary>Shortest side to <paramref name="side"/>, rounded as the model's preprocessing (Python's round) does.</summary>
    private static (int, int, int?)? Clip(int width, int height, int side, DownscaleMode mode)
    {
        var shortest = Math.Min(width, height);
        if (shortest <= side)
        {
            return null;
        }

        var ratio = side / (double)shortest;
        var w = Math.Max(side, (int)Math.Round(width * ratio, MidpointRounding.ToEven));
        var h = Math.Max(side, (int)Math.Round(height * ratio, MidpointRounding.ToEven));
        return (w, h, mode == DownscaleMode.CenterCrop ? side : null);
    }

    /// <summary>Within <paramref name="maxPixels"/>, sides multiples of 28, aspect kept (the Qwen2.5-VL "smart resize" rule).</summary>
    private static (int, int, int?)? Budget(int width, int height, int maxPixels)
    {
        if ((long)width * height <= maxPixels)
        {
            return null;
        }

        var beta = Math.Sqrt((double)width * height / maxPixels);
        var w = Math.Max(Patch, (int)Math.Floor(width / beta / Patch) * Patch);
        var h = Math.Max(Patch, (int)Math.Floor(height / beta / Patch) * Patch);
        return (w, h, null);
    }
}
