using Microsoft.AspNetCore.StaticFiles;

namespace JinaClip.WebApi.Gallery;

/// <summary>
/// <c>GET /gallery/{name}</c>: serves the gallery's images and nothing else. A name must be one the indexer found (an
/// image extension, under the folder), and its real path — links resolved — must still be a regular file inside the
/// folder; anything else (an HTML or SVG file, a config file, a link out of the folder) is a 404.
/// </summary>
internal static class GalleryFiles
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet($"{GalleryEndpoints.ImagePath}/{{**name}}", (string name, ImageGallery gallery) => Serve(name, gallery))
            .ExcludeFromDescription();

    private static IResult Serve(string name, ImageGallery gallery)
    {
        // Only an image that was indexed: not a file the scan or the embedding skipped (an HTML page named .jpg), nor any other.
        if (gallery.Progress().Index?.Contains(name) != true || Resolve(gallery.Folder, name) is not { } path
            || !ContentTypes.TryGetContentType(path, out var contentType) || !contentType.StartsWith("image/", StringComparison.Ordinal))
        {
            return Results.NotFound();
        }

        return Results.File(path, contentType);
    }

    /// <summary>The file's real path, when it is a regular file inside the folder after every link is followed.</summary>
    private static string? Resolve(string folder, string name)
    {
        var root = RealPath(folder, 0);
        var real = RealPath(Path.Combine(folder, name), 0);
        if (root is null || real is null || !File.Exists(real))
        {
            return null;
        }

        return real.StartsWith(root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? real : null;
    }

    /// <summary>The path with every link in it followed, component by component (what <c>realpath</c> gives), or <see langword="null"/> for a loop.</summary>
    private static string? RealPath(string path, int depth)
    {
        if (depth > 32)
        {
            return null;
        }

        var full = Path.GetFullPath(path);
        var current = Path.GetPathRoot(full)!;
        foreach (var part in full[current.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            if (info.LinkTarget is { } target)
            {
                next = RealPath(Path.IsPathRooted(target) ? target : Path.Combine(current, target), depth + 1);
                if (next is null)
                {
                    return null;
                }
            }

            current = next;
        }

        return current;
    }
}
