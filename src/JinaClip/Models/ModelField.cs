namespace JinaClip.Models;

/// <summary>The optional request fields whose acceptance differs between models.</summary>
[Flags]
internal enum ModelField
{
    None = 0,
    Task = 1,
    Dimensions = 2,
    Normalized = 4,
    LateChunking = 8,
    Truncate = 16,
}
