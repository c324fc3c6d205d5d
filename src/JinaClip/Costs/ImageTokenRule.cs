namespace JinaClip;

/// <summary>
/// How a model charges for an image: the image is covered by square tiles of <paramref name="TileSize"/> pixels and each
/// tile costs <paramref name="TokensPerTile"/> tokens: ⌈width / tile⌉ × ⌈height / tile⌉ × tokens per tile.
/// </summary>
/// <param name="TileSize">Gets the tile's side in pixels (1 or more).</param>
/// <param name="TokensPerTile">Gets the tokens one tile costs (0 or more).</param>
public sealed record ImageTokenRule(int TileSize, int TokensPerTile)
{
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

    private int Ceiling(int side) => (int)(((long)side + TileSize - 1) / TileSize);
}
