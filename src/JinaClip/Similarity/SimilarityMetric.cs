namespace JinaClip;

/// <summary>How two float vectors are compared when ranking.</summary>
public enum SimilarityMetric
{
    /// <summary>Cosine similarity in [-1, 1], higher is closer. A zero vector scores 0 against everything.</summary>
    Cosine,

    /// <summary>Dot product, higher is closer. Equal to cosine for unit-length vectors (the API's default), and cheaper.</summary>
    DotProduct,

    /// <summary>Euclidean (L2) distance, lower is closer; scores are distances.</summary>
    Euclidean,
}
