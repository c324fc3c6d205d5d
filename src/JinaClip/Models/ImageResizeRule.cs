namespace JinaClip;

/// <summary>How a model brings an image to the size it sees (see <see cref="ModelImageInput"/>).</summary>
public enum ImageResizeRule
{
    /// <summary>The shortest side is resized to <see cref="ModelImageInput.Side"/> (the CLIP models).</summary>
    ShortestSide,

    /// <summary>The image is resized within a pixel budget, both sides multiples of <see cref="ModelImageInput.PatchSize"/> (jina-embeddings-v4).</summary>
    PixelBudget,
}
