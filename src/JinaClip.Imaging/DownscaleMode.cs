namespace JinaClip.Imaging;

/// <summary>How <see cref="SkiaImageDownscaler"/> fits an image to a CLIP model's input.</summary>
public enum DownscaleMode
{
    /// <summary>
    /// Resize so the shortest side is the model's input size (224 px for jina-clip-v1, 512 for jina-clip-v2), keeping the
    /// aspect ratio: the model's own preprocessing then only crops the centre square. Nothing the model would see is lost.
    /// </summary>
    ShortestSide,

    /// <summary>
    /// Also crop the centre square, as the model's preprocessing does: one tile, the cheapest upload. Opt in: it relies on
    /// the hosted API cropping as the published preprocessing does.
    /// </summary>
    CenterCrop,
}
