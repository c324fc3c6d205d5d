namespace JinaClip.Classify;

/// <summary>A checked classify call: zero-shot (a model and labels) or few-shot (a classifier), its inputs and how they are split into requests.</summary>
internal sealed class ClassifyPlan
{
    /// <summary>Gets the model of a zero-shot call (the empty string for a few-shot call).</summary>
    public required string Model { get; init; }

    public string? ClassifierId { get; init; }

    public string[]? Labels { get; init; }

    public LabelGroup[]? Groups { get; init; }

    public required EmbeddingInput[] Inputs { get; init; }

    public required ClassifyOptions Options { get; init; }

    /// <summary>Gets the requests: consecutive ranges of <see cref="Inputs"/>.</summary>
    public required InputRange[] Requests { get; init; }
}
