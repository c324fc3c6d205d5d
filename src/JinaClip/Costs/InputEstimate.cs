namespace JinaClip;

/// <summary>The estimated cost of one input. Built by <see cref="TokenEstimator"/>; see <see cref="JinaClipModelFactory"/> for tests.</summary>
public sealed class InputEstimate
{
    internal InputEstimate(int index, EmbeddingInputKind kind, long tokens, ImageSize? image, long? tiles)
    {
        Index = index;
        Kind = kind;
        Tokens = tokens;
        Image = image;
        Tiles = tiles;
    }

    /// <summary>Gets the input's position in the call.</summary>
    public int Index { get; }

    /// <summary>Gets the input's kind.</summary>
    public EmbeddingInputKind Kind { get; }

    /// <summary>Gets the estimated tokens.</summary>
    public long Tokens { get; }

    /// <summary>Gets the image's format and size (images only).</summary>
    public ImageSize? Image { get; }

    /// <summary>Gets the tiles the image covers (images only).</summary>
    public long? Tiles { get; }

    /// <summary>Formats the estimate.</summary>
    /// <returns>Index, kind, tokens, and the image's size and tiles when known.</returns>
    public override string ToString() => $"InputEstimate {{ Index = {Index}, Kind = {Kind}, Tokens = {Tokens}, Image = {Image}, Tiles = {Tiles} }}";
}
