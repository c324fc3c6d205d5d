namespace JinaClip.Testing.Emulator;

/// <summary>
/// The emulator's own statement of which models <c>POST /v1/classify</c> and <c>POST /v1/train</c> serve, from the API's
/// OpenAPI document (the request schema each model selects), kept apart from the client's table so that a test can
/// compare the two.
/// </summary>
internal static class ApiClassification
{
    public const int MaxInputs = 512;
    public const int MaxLabels = 512;
    public const int MaxGroups = 8;
    public const int MaxGroupLabels = 64;
    public const int MaxExamples = 512;

    /// <summary>ClipZeroShotClassificationRequest: the only schema whose input may be an ImageDoc.</summary>
    public static readonly string[] ZeroShotImageModels = ["jina-clip-v1", "jina-clip-v2"];

    /// <summary>The models of the train union: every classify model but the two code models.</summary>
    public static readonly string[] TrainModels =
    [
        "jina-clip-v1", "jina-clip-v2", "jina-embeddings-v2-base-en", "jina-embeddings-v2-base-zh", "jina-embeddings-v2-base-de",
        "jina-embeddings-v2-base-es", "jina-embeddings-v2-base-code", "jina-embeddings-v3", "jina-embeddings-v4",
        "jina-embeddings-v5-text-nano", "jina-embeddings-v5-text-small",
    ];

    /// <summary>ClipCreateTrainingRequest and EmbeddingsV4CreateTrainingRequest take ImageTrainingItem.</summary>
    public static readonly string[] TrainImageModels = ["jina-clip-v1", "jina-clip-v2", "jina-embeddings-v4"];

    /// <summary>The classify union: every embeddings model the emulator serves.</summary>
    public static bool Classifies(string model) => ApiModels.Find(model) is not null;

    public static bool ClassifiesImages(string model) => ZeroShotImageModels.Contains(model, StringComparer.Ordinal);

    public static bool Trains(string model) => TrainModels.Contains(model, StringComparer.Ordinal);

    public static bool TrainsImages(string model) => TrainImageModels.Contains(model, StringComparer.Ordinal);
}
