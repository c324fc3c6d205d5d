namespace JinaClip.Models;

/// <summary>What a model does on <c>POST /v1/classify</c> and <c>POST /v1/train</c>, per the API's OpenAPI document.</summary>
[Flags]
internal enum ModelClassification
{
    /// <summary>Neither endpoint serves the model.</summary>
    None = 0,

    /// <summary>Zero-shot classification of texts.</summary>
    ZeroShotText = 1,

    /// <summary>Zero-shot classification of images too (<c>ClipZeroShotClassificationRequest</c>: jina-clip-v1 and -v2 only).</summary>
    ZeroShotImages = 2,

    /// <summary>Training a few-shot classifier on labelled texts.</summary>
    TrainText = 4,

    /// <summary>Training on labelled images too (jina-clip-v1, -v2 and jina-embeddings-v4).</summary>
    TrainImages = 8,
}
