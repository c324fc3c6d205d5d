namespace JinaClip.Classify;

/// <summary>A checked training call: create (a model) or update (a classifier id), its examples and options.</summary>
internal sealed class TrainingPlan
{
    /// <summary>Gets the model a new classifier is trained on (the empty string for an update).</summary>
    public required string Model { get; init; }

    public string? ClassifierId { get; init; }

    public required EmbeddingInput[] Inputs { get; init; }

    public required string[] Labels { get; init; }

    public required ClassifierTrainingOptions Options { get; init; }
}
