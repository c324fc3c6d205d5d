namespace JinaClip;

/// <summary>An entry of a folder that looked like an image (or was a linked folder) but is not read, and why.</summary>
public sealed class SkippedFile
{
    /// <summary>Creates an entry (the SDK builds these; this is for users' tests).</summary>
    /// <param name="name">Its path relative to the folder, with '/' separators.</param>
    /// <param name="reason">Why it is skipped, as a phrase.</param>
    public SkippedFile(string name, string reason)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(reason);
        (Name, Reason) = (name, reason);
    }

    /// <summary>Gets its path relative to the folder, with '/' separators.</summary>
    public string Name { get; }

    /// <summary>Gets why it is skipped, as a phrase that follows the name: "is empty, or not a regular file (a FIFO, device or socket)".</summary>
    public string Reason { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Name} {Reason}";
}
