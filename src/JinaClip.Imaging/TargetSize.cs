namespace JinaClip.Imaging;

/// <summary>
/// The size each model's policy sends an image at, from its size alone (so estimates and uploads agree). Never larger
/// than the original: an image already at or under the target is sent unchanged.
/// </summary>
internal static class TargetSize
{
    /// <summary>Gets the size to resize to (before any crop) and the crop side, or <see langword="null"/> to send the image unchanged.</summary>
    /// <remarks>The size each model sees is the core's model table's (<see cref="JinaModels.GetImageInput"/>): this package keeps no list of models.</remarks>
    public static (int Width, int Height, int? Crop)? For(string model, int width, int height, ImageDownscalingOptions options)
    {
        if (JinaModels.GetImageInput(model) is not { } image)
        {
            return null;
        }

        return image.Rule switch
        {
            ImageResizeRule.ShortestSide => Clip(width, height, image.Side, options.Mode),
            ImageResizeRule.PixelBudget => Budget(width, height, options.EmbeddingsV4MaxPixels, image.PatchSize),
        };
    }

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

    /// <summary>Within <paramref name="maxPixels"/>, sides multiples of <paramref name="patch"/>, aspect kept (the Qwen2.5-VL "smart resize" rule).</summary>
    private static (int, int, int?)? Budget(int width, int height, int maxPixels, int patch)
    {
        if ((long)width * height <= maxPixels)
        {
            return null;
        }

        var beta = Math.Sqrt((double)width * height / maxPixels);
        var w = Math.Max(patch, (int)Math.Floor(width / beta / patch) * patch);
        var h = Math.Max(patch, (int)Math.Floor(height / beta / patch) * patch);
        return (w, h, null);
    }
}
