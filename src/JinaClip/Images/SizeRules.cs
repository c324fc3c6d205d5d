namespace JinaClip.Images;

/// <summary>Checks shared by the format parsers.</summary>
internal static class SizeRules
{
    /// <summary>The largest side accepted: 2^24 pixels. Larger values come from corrupt headers, not real images.</summary>
    public const long MaxSide = 1 << 24;

    public static ImageSize Checked(ImageFormat format, long width, long height)
    {
        if (width < 1 || height < 1 || width > MaxSide || height > MaxSide)
        {
            throw new JinaImageHeaderException(format, $"the header states an absurd size of {width}×{height} (each side must be 1 to {MaxSide:N0}).");
        }

        return new ImageSize(format, (int)width, (int)height);
    }

    public static JinaImageHeaderException Corrupt(ImageFormat format, string problem) => new(format, problem);
}
