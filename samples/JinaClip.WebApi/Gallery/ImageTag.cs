namespace JinaClip.WebApi.Gallery;

/// <summary>An image's tag: the best label and its score.</summary>
/// <param name="Label">The label.</param>
/// <param name="Score">Its score, from 0 to 1.</param>
public sealed record ImageTag(string Label, float Score)
{
    /// <summary>The tag of a classification's prediction.</summary>
    public static ImageTag Of(ClassifiedInput classified) => new(classified.Label, classified.Score);
}
