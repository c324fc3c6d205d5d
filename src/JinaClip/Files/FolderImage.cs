namespace JinaClip;

/// <summary>An image file <see cref="ImageFolder.Scan"/> found: a regular, non-empty file inside the folder.</summary>
public sealed class FolderImage
{
    /// <summary>Creates an entry (the SDK builds these; this is for users' tests).</summary>
    /// <param name="name">Its path relative to the folder, with '/' separators.</param>
    /// <param name="path">Its full path.</param>
    public FolderImage(string name, string path)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(path);
        (Name, Path) = (name, path);
    }

    /// <summary>Gets its path relative to the folder, with '/' separators: the stable name to store and show.</summary>
    public string Name { get; }

    /// <summary>Gets its full path, to read it (<see cref="EmbeddingInput.FromImageFile"/>).</summary>
    public string Path { get; }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
