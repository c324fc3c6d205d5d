namespace JinaClip.Cli;

/// <summary>Finds the image files under a folder, by extension, in a stable (ordinal path) order.</summary>
internal static class ImageFolder
{
    private static readonly HashSet<string> Extensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp", ".tif", ".tiff", ".avif", ".heic",
    };

    /// <summary>Returns the image files under <paramref name="folder"/> (recursively) as (relative id, full path).</summary>
    public static List<(string Id, string Path)> Find(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new ArgumentException($"--images '{folder}' is not a folder.");
        }

        var images = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(p => Extensions.Contains(Path.GetExtension(p)))
            .Select(p => (Id: Path.GetRelativePath(folder, p).Replace('\\', '/'), Path: p))
            .OrderBy(p => p.Id, StringComparer.Ordinal)
            .ToList();
        if (images.Count == 0)
        {
            throw new ArgumentException($"--images '{folder}' holds no image files ({string.Join(", ", Extensions.Order(StringComparer.Ordinal))}).");
        }

        return images;
    }
}
