namespace JinaClip;

/// <summary>What <see cref="ImageFolder.Scan"/> found: the images to read, in name order, and every entry skipped, with its reason.</summary>
public sealed class ImageFolderScan
{
    /// <summary>Creates a scan result (the SDK builds these; this is for users' tests).</summary>
    /// <param name="folder">The folder's full path.</param>
    /// <param name="images">The images found.</param>
    /// <param name="skipped">The entries skipped.</param>
    public ImageFolderScan(string folder, IReadOnlyList<FolderImage> images, IReadOnlyList<SkippedFile> skipped)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(skipped);
        (Folder, Images, Skipped) = (folder, images, skipped);
    }

    /// <summary>Gets the folder's full path.</summary>
    public string Folder { get; }

    /// <summary>Gets the image files, each a regular non-empty file inside the folder seen once, ordered by <see cref="FolderImage.Name"/> (ordinal).</summary>
    public IReadOnlyList<FolderImage> Images { get; }

    /// <summary>Gets the entries not taken, ordered by name: empty files, FIFOs, devices and sockets, links leading out of the folder or nowhere, second links to one file, linked folders.</summary>
    public IReadOnlyList<SkippedFile> Skipped { get; }
}
