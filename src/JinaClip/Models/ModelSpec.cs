namespace JinaClip.Models;

/// <summary>
/// Everything the SDK knows about one model of <c>POST /v1/embeddings</c>, per the API's OpenAPI document: the one
/// record the planner, the validator, the estimators and <c>JinaClip.Imaging</c> read.
/// </summary>
/// <param name="Name">The wire name of the model.</param>
/// <param name="NativeDimensions">Length of a vector when <c>dimensions</c> is not set.</param>
/// <param name="MaxDimensions">Largest <c>dimensions</c> value, or 0 when the model does not take the field.</param>
/// <param name="Fields">The optional fields the model accepts.</param>
/// <param name="Tasks">The <c>task</c> values the model accepts (empty when it takes no task).</param>
/// <param name="AcceptsImages">Whether image inputs are allowed.</param>
/// <param name="UnsupportedReason">Set when this client cannot use the model at all.</param>
/// <param name="MaxInputs">The most inputs one request may hold.</param>
/// <param name="Image">How the model takes images (the size it sees, the tile price), or <see langword="null"/> for a text model.</param>
/// <param name="Classification">What the model does on <c>POST /v1/classify</c> and <c>POST /v1/train</c>.</param>
internal sealed record ModelSpec(
    string Name,
    int NativeDimensions,
    int MaxDimensions,
    ModelField Fields,
    IReadOnlyList<string> Tasks,
    bool AcceptsImages,
    string? UnsupportedReason = null,
    int MaxInputs = ModelSpec.DefaultMaxInputs,
    ModelImageInput? Image = null,
    ModelClassification Classification = ModelClassification.None)
{
    /// <summary>The tokens the quick estimate charges an image of a model without a tile rule: one 224-px tile.</summary>
    public const int DefaultImageTileTokens = 1000;

    /// <summary>The input limit per request the API has long enforced (2048).</summary>
    public const int DefaultMaxInputs = 2048;

    /// <summary>
    /// Gets the quick estimate of one image's tokens (sizes are not read for it): one tile of the size a CLIP model sees
    /// (1,000 for jina-clip-v1, 4,000 for jina-clip-v2), else <see cref="DefaultImageTileTokens"/>.
    /// </summary>
    public int RoughImageTokens => Image is { Rule: ImageResizeRule.ShortestSide } image ? (int)image.TokensPerTile : DefaultImageTileTokens;

    public bool Accepts(ModelField field) => (Fields & field) == field;
}
