namespace JinaClip;

/// <summary>Options of <see cref="ImageFolder.Scan"/>.</summary>
public sealed class ImageFolderOptions
{
    /// <summary>Gets or sets the file extensions taken as images (with the dot, any case); other files are passed over silently.</summary>
    /// <value>The default is .jpg, .jpeg, .png, .gif, .webp, .bmp, .tif, .tiff, .heic, .heif and .avif.</value>
    public ICollection<string> Extensions { get; set; } = [".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp", ".tif", ".tiff", ".heic", ".heif", ".avif"];

    /// <summary>Gets or sets whether sub-folders are walked (never a linked one).</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool Recursive { get; set; } = true;

    /// <summary>
    /// Gets or sets the most image files a scan takes; a folder holding more is an <see cref="ArgumentException"/>, not a
    /// scan cut short, so nothing is silently left out.
    /// </summary>
    /// <value>The default is 100,000.</value>
    public int MaxFiles { get; set; } = 100_000;
}
