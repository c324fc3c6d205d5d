namespace JinaClip;

/// <summary>Options of a <see cref="LocalZeroShotClassifier"/>.</summary>
public sealed class LocalClassifierOptions
{
    /// <summary>The placeholder <see cref="PromptTemplate"/> must hold.</summary>
    public const string LabelPlaceholder = "{label}";

    /// <summary>
    /// Gets or sets the text each label is embedded as, with <see cref="LabelPlaceholder"/> standing for the label. CLIP
    /// was trained on image captions, so a caption-like prompt matches images better than a bare word; for stored text
    /// vectors use <c>"{label}"</c>, or a sentence of your domain.
    /// </summary>
    /// <value><c>"a photo of a {label}"</c>, the CLIP paper's default prompt.</value>
    public string PromptTemplate { get; set; } = "a photo of a {label}";

    /// <summary>
    /// Gets or sets the factor the cosine similarities are multiplied by before the softmax that turns them into scores.
    /// CLIP models place matching pairs only a little closer than others (cosines typically 0.2 to 0.35), so a softmax of
    /// plain cosines would be nearly uniform; CLIP's learned logit scale is 100, which gives the peaked scores its paper
    /// reports. Lower it for softer scores; the top label does not change.
    /// </summary>
    /// <value>100.</value>
    public float Temperature { get; set; } = 100f;

    /// <summary>Gets or sets the options the label prompts are embedded with: the model and dimensions must be those of the vectors you will classify.</summary>
    /// <value><see langword="null"/>: the client's default model and native dimensions.</value>
    public EmbeddingOptions? EmbeddingOptions { get; set; }
}
