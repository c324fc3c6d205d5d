namespace JinaClip;

/// <summary>
/// How a model charges for an image: the image is covered by square tiles of <see cref="TileSize"/> pixels and each
/// tile costs <see cref="TokensPerTile"/> tokens: ⌈width / tile⌉ × ⌈height / tile⌉ × tokens per tile.
/// </summary>
public sealed class ImageTokenRule : IEquatable<ImageTokenRule>
{
    /// <summary>Creates a rule.</summary>
    /// <param name="tileSize">The tile's side in pixels (1 or more).</param>
    /// <param name="tokensPerTile">The tokens one tile costs (0 or more).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tileSize"/> is below 1 or <paramref name="tokensPerTile"/> is negative.</exception>
    public ImageTokenRule(int tileSize, long tokensPerTile)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tileSize, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(tokensPerTile);
        TileSize = tileSize;
        TokensPerTile = tokensPerTile;
    }

    /// <summary>Gets the tile's side in pixels (1 or more).</summary>
    public int TileSize { get; }

    /// <summary>Gets the tokens one tile costs (0 or more).</summary>
    public long TokensPerTile { get; }

    /// <summary>Gets the number of tiles covering a <paramref name="width"/> × <paramref name="height"/> image.</summary>
    /// <param name="width">The width in pixels (1 or more).</param>
    /// <param name="height">The height in pixels (1 or more).</param>
    /// <returns>⌈width / tile⌉ × ⌈height / tile⌉.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A side or the tile size is below 1.</exception>
    public long Tiles(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(TileSize, 1, nameof(TileSize));
        return (long)Ceiling(width) * Ceiling(height);
    }

    /// <summary>Gets the tokens a <paramref name="width"/> × <paramref name="height"/> image costs.</summary>
    /// <param name="width">The width in pixels.</param>
    /// <param name="height">The height in pixels.</param>
    /// <returns>Tiles × tokens per tile.</returns>
    public long Tokens(int width, int height) => Tiles(width, height) * TokensPerTile;

    /// <inheritdoc/>
    public bool Equals(ImageTokenRule? other) => other is not null && TileSize == other.TileSize && TokensPerTile == other.TokensPerTile;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ImageTokenRule);

    /// <inheritdoc/>
    public override int GetHashCode() => (TileSize * 397) ^ TokensPerTile.GetHashCode();

    /// <summary>Formats the rule.</summary>
    /// <returns>The tile size and tokens per tile.</returns>
    public override string ToString() => $"ImageTokenRule {{ TileSize = {TileSize}, TokensPerTile = {TokensPerTile} }}";

    private int Ceiling(int side) => (int)(((long)side + TileSize - 1) / TileSize);
}
