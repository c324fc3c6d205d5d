namespace JinaClip;

/// <summary>One labelled example for training a few-shot classifier: a text or an image, and its label.</summary>
public sealed class TrainingExample
{
    /// <summary>Creates an example.</summary>
    /// <param name="input">The text or image (any <see cref="EmbeddingInput"/> kind).</param>
    /// <param name="label">Its label.</param>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> or <paramref name="label"/> is null.</exception>
    public TrainingExample(EmbeddingInput input, string label)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(label);
        Input = input;
        Label = label;
    }

    /// <summary>Gets the text or image.</summary>
    public EmbeddingInput Input { get; }

    /// <summary>Gets the label.</summary>
    public string Label { get; }

    /// <summary>Creates a text example.</summary>
    /// <param name="text">The text.</param>
    /// <param name="label">Its label.</param>
    /// <returns>The example.</returns>
    public static TrainingExample FromText(string text, string label) => new(EmbeddingInput.FromText(text), label);

    /// <summary>Creates an image example from a file, read when the request is sent.</summary>
    /// <param name="path">The image file.</param>
    /// <param name="label">Its label.</param>
    /// <returns>The example.</returns>
    public static TrainingExample FromImageFile(string path, string label) => new(EmbeddingInput.FromImageFile(path), label);

    /// <summary>Describes the example without image bytes.</summary>
    /// <returns>The input's description and the label.</returns>
    public override string ToString() => $"{Input} → {Label}";
}
