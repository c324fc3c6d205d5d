namespace JinaClip.Imaging;

/// <summary>How a downscaled image is encoded for upload.</summary>
public enum DownscaleOutputFormat
{
    /// <summary>JPEG at <see cref="ImageDownscalingOptions.JpegQuality"/>: a few times smaller than PNG, and within the fidelity target.</summary>
    Jpeg,

    /// <summary>PNG: lossless, larger.</summary>
    Png,
}
