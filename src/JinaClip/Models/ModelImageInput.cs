namespace JinaClip;

/// <summary>
/// What the SDK's model table knows about how one model takes images: the size it sees and how the API counts an
/// image's tokens. A read-only view of the one table, for image preprocessors such as <c>JinaClip.Imaging</c>; get it
/// from <see cref="JinaModels.GetImageInput"/>.
/// </summary>
public sealed class ModelImageInput
{
    internal ModelImageInput(ImageResizeRule rule, int side, int patchSize, int tileSize, long tokensPerTile)
    {
        Rule = rule;
        Side = side;
        PatchSize = patchSize;
        TileSize = tileSize;
        TokensPerTile = tokensPerTile;
    }

    /// <summary>Gets how the model resizes an image.</summary>
    public ImageResizeRule Rule { get; }

    /// <summary>Gets the side the shortest side is resized to (<see cref="ImageResizeRule.ShortestSide"/>), or 0.</summary>
    public int Side { get; }

    /// <summary>Gets the patch both sides are multiples of (<see cref="ImageResizeRule.PixelBudget"/>), or 0.</summary>
    public int PatchSize { get; }

    /// <summary>Gets the side of one billing tile in pixels.</summary>
    public int TileSize { get; }

    /// <summary>Gets the tokens one tile costs.</summary>
    public long TokensPerTile { get; }

    /// <summary>Describes the rule.</summary>
    /// <returns>The rule, sizes and tile price.</returns>
    public override string ToString() =>
        $"ModelImageInput {{ Rule = {Rule}, Side = {Side}, PatchSize = {PatchSize}, TileSize = {TileSize}, TokensPerTile = {TokensPerTile} }}";
}
