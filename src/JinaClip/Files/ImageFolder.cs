namespace JinaClip;

/// <summary>
/// Finds the image files in a folder safely, for bulk indexing of folders nobody has cleaned: only regular, non-empty
/// files are taken (a FIFO named <c>x.jpg</c> is never opened, so nothing waits on it; a device is never read); linked
/// folders are not followed (a <c>up → ..</c> loop cannot repeat the tree or never end); a linked file is taken only
/// when it leads to a file inside the folder not already taken; and a cap bounds the walk. Whatever is passed over is
/// in <see cref="ImageFolderScan.Skipped"/> with its reason: nothing is left out silently.
/// </summary>
public static class ImageFolder
{
    /// <summary>Scans <paramref name="folder"/> (and, by default, its sub-folders).</summary>
    /// <param name="folder">The folder; it may itself be a link to a folder.</param>
    /// <param name="options">The options, or <see langword="null"/> for the defaults.</param>
    /// <returns>The images, in name order, and the entries skipped.</returns>
    /// <exception cref="ArgumentException"><paramref name="folder"/> is empty, or holds more than <see cref="ImageFolderOptions.MaxFiles"/> images.</exception>
    /// <exception cref="DirectoryNotFoundException"><paramref name="folder"/> is not a folder.</exception>
    /// <remarks>Empty regular files and special files both report a length of 0 here and are skipped alike; without a system call per file the two cannot be told apart, and neither is an image.</remarks>
    public static ImageFolderScan Scan(string folder, ImageFolderOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        options ??= new ImageFolderOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxFiles, 1, nameof(options));
        var root = Path.GetFullPath(folder);
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"'{folder}' is not a folder.");
        }

        var realRoot = RealPath(root);
        var extensions = new HashSet<string>(options.Extensions, StringComparer.OrdinalIgnoreCase);
        var images = new List<FolderImage>();
        var skipped = new List<SkippedFile>();
        var taken = new Dictionary<string, string>(StringComparer.Ordinal); // real path → the name that took it
        var pending = new Stack<DirectoryInfo>();
        pending.Push(new DirectoryInfo(root));
        while (pending.Count > 0)
        {
            var directory = pending.Pop();
            foreach (var entry in Entries(directory, root, skipped))
            {
                var name = Name(root, entry.FullName);
                if (entry is DirectoryInfo sub)
                {
                    if (IsLink(sub))
                    {
                        skipped.Add(new SkippedFile(name, "is a link to a folder (linked folders are not followed)"));
                    }
                    else if (options.Recursive)
                    {
                        pending.Push(sub);
                    }

                    continue;
                }

                if (!extensions.Contains(Path.GetExtension(entry.Name)))
                {
                    continue;
                }

                if (Take((FileInfo)entry, realRoot, name, taken, out var reason) is { } real)
                {
                    if (images.Count == options.MaxFiles)
                    {
                        throw new ArgumentException($"'{folder}' holds more than {options.MaxFiles:N0} image files (ImageFolderOptions.MaxFiles); scan a sub-folder, or raise the cap.", nameof(folder));
                    }

                    taken[real] = name;
                    images.Add(new FolderImage(name, entry.FullName));
                }
                else
                {
                    skipped.Add(new SkippedFile(name, reason!));
                }
            }
        }

        images.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        skipped.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return new ImageFolderScan(root, images, skipped);
    }

    /// <summary>The file's real path if it is to be taken, else null and why not.</summary>
    private static string? Take(FileInfo file, string realRoot, string name, Dictionary<string, string> taken, out string? reason)
    {
        // A file found by the walk lies under the root through no linked folder: its real path is the root's plus its name.
        var real = Path.Combine(realRoot, name);
        if (IsLink(file))
        {
            if (Resolve(file, realRoot, out reason) is not { } target)
            {
                return null;
            }

            (file, real) = (target, target.FullName);
        }

        if (file.Length <= 0)
        {
            reason = "is empty, or not a regular file (a FIFO, device or socket)";
            return null;
        }

        if (taken.TryGetValue(real, out var first))
        {
            reason = $"is the same file as '{first}'";
            return null;
        }

        reason = null;
        return real;
    }

    /// <summary>The file a linked file leads to, if that is a file inside the folder; else null and why not.</summary>
    private static FileInfo? Resolve(FileInfo link, string realRoot, out string? reason)
    {
#if NET
        FileInfo target;
        try
        {
            target = new FileInfo(RealPath(link.FullName));
        }
        catch (IOException)
        {
            reason = "is a link that leads nowhere (or to a folder)"; // a loop of links
            return null;
        }

        reason = !target.Exists ? "is a link that leads nowhere (or to a folder)"
            : !target.FullName.StartsWith(realRoot.EndsWith(Path.DirectorySeparatorChar) ? realRoot : realRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                ? $"is a link to a file outside the folder ({target.FullName})"
                : null;
        return reason is null ? target : null;
#else
        _ = (link, realRoot);
        reason = "is a link to a file (linked files are not followed on .NET Framework)";
        return null;
#endif
    }

    private static List<FileSystemInfo> Entries(DirectoryInfo directory, string root, List<SkippedFile> skipped)
    {
        try
        {
            return directory.EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            skipped.Add(new SkippedFile(Name(root, directory.FullName), $"is a folder that cannot be read ({ex.Message})"));
            return [];
        }
    }

    private static bool IsLink(FileSystemInfo info) => (info.Attributes & FileAttributes.ReparsePoint) != 0;

    /// <summary>
    /// The path with every link along it resolved (realpath), or the path itself where links cannot be read
    /// (netstandard2.0). A chain of more than 40 links (a loop) is an <see cref="IOException"/>.
    /// </summary>
    private static string RealPath(string fullPath, int depth = 0)
    {
#if NET
        if (depth > 40)
        {
            throw new IOException($"'{fullPath}' goes through more than 40 links.");
        }

        var current = Path.GetPathRoot(fullPath)!;
        foreach (var part in fullPath[current.Length..].Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(current, part);
            current = new FileInfo(next).LinkTarget is { } link ? RealPath(Path.GetFullPath(link, current), depth + 1) : next;
        }

        return current;
#else
        return fullPath;
#endif
    }

    private static string Name(string root, string path) => (path.Length > root.Length ? path[(root.Length + 1)..] : path).Replace('\\', '/');
}
