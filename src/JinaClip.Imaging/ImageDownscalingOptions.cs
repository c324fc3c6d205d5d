namespace JinaClip.Imaging;

/// <summary>Options of <see cref="SkiaImageDownscaler"/>.</summary>
public sealed class ImageDownscalingOptions
{
    /// <summary>Gets or sets how CLIP images are fitted.</summary>
    /// <value>The default is <see cref="DownscaleMode.ShortestSide"/>.</value>
    public DownscaleMode Mode { get; set; } = DownscaleMode.ShortestSide;

    /// <summary>Gets or sets the encoding of a downscaled image.</summary>
    /// <value>The default is <see cref="DownscaleOutputFormat.Jpeg"/> (see <see cref="JpegQuality"/>).</value>
    public DownscaleOutputFormat OutputFormat { get; set; } = DownscaleOutputFormat.Jpeg;

    /// <summary>Gets or sets the JPEG quality (1–100) of a downscaled image.</summary>
    /// <value>The default is 95: at the model's input size it keeps the picture within 35 dB PSNR of the model's own preprocessing (the fidelity tests' target) at a few times less than PNG.</value>
    public int JpegQuality { get; set; } = 95;

    /// <summary>
    /// Gets or sets the most pixels an image may claim before it is decoded; a larger one (a decompression bomb: a 1 KB
    /// PNG of 30000×30000) is an <see cref="ArgumentException"/> naming the input, and nothing is sent.
    /// </summary>
    /// <value>The default is 50,000,000 (a 50-megapixel photo); decoding a PNG or WebP takes 4 bytes a pixel.</value>
    public long MaxPixels { get; set; } = 50_000_000;

    /// <summary>
    /// Gets or sets the most memory one image may take while it is decoded, resized and encoded, worked out from its
    /// header before anything is decoded; an image that would take more is an <see cref="ArgumentException"/> naming the
    /// input, and nothing is sent.
    /// </summary>
    /// <value>
    /// The default is 64 MiB. JPEG and non-interlaced PNG are decoded a few rows at a time into the resampler, so any of
    /// them within <see cref="MaxPixels"/> stays within a few megabytes (a 6 KB, 7064×7064 one-bit PNG: about 2 MB);
    /// a progressive JPEG holds its coefficients (about 3 bytes a pixel at 4:2:0, so up to about 21 megapixels);
    /// GIF, WebP, BMP and interlaced PNG are decoded whole at 4 bytes a pixel (8 for interlaced PNG), so up to about
    /// 16 (8) megapixels. With <see cref="SkiaImageDownscaler.MaxConcurrentDecodes"/> images at once, the process holds at
    /// most that many times this.
    /// </value>
    public long MaxDecodeMemory { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// Gets or sets the pixel budget for jina-embeddings-v4, which takes any size in 28×28 patches at 10 tokens each
    /// and does not crop: a larger image is scaled to fit within it, sides multiples of 28.
    /// </summary>
    /// <value>
    /// The default is 602,112 pixels (768 patches, 7,680 tokens, e.g. 896×672): the detail of a full-page document
    /// stays legible, and a 12-megapixel photo costs 7,680 tokens instead of about 153,000.
    /// </value>
    public int EmbeddingsV4MaxPixels { get; set; } = 602_112;
}
