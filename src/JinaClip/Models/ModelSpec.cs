namespace JinaClip.Models;

/// <summary>What one model accepts on <c>POST /v1/embeddings</c>, per the API's OpenAPI document.</summary>
/// <param name="Name">The wire name of the model.</param>
/// <param name="NativeDimensions">Length of a vector when <c>dimensions</c> is not set.</param>
/// <param name="MaxDimensions">Largest <c>dimensions</c> value, or 0 when the model does not take the field.</param>
/// <param name="Fields">The optional fields the model accepts.</param>
/// <param name="Tasks">The <c>task</c> values the model accepts (empty when it takes no task).</param>
/// <param name="AcceptsImages">Whether image inputs are allowed.</param>
/// <param name="UnsupportedReason">Set when this client cannot use the model at all.</param>
/// <param name="MaxInputs">The most inputs one request may hold.</param>
internal sealed record ModelSpec(
    string Name,
    int NativeDimensions,
    int MaxDimensions,
    ModelField Fields,
    IReadOnlyList<string> Tasks,
    bool AcceptsImages,
    string? UnsupportedReason = null,
    int MaxInputs = ModelSpec.DefaultMaxInputs)
{
    /// <summary>The input limit per request the API has long enforced (2048).</summary>
    public const int DefaultMaxInputs = 2048;

    public bool Accepts(ModelField field) => (Fields & field) == field;
}
