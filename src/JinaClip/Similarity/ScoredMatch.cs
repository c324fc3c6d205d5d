namespace JinaClip;

/// <summary>One result of a top-k search: a stored vector's position and its score against the query.</summary>
/// <param name="Index">Gets the stored vector's row (its position in the buffer or <see cref="VectorMatrix"/>).</param>
/// <param name="Score">
/// Gets the score: a similarity for <see cref="SimilarityMetric.Cosine"/> and <see cref="SimilarityMetric.DotProduct"/>,
/// a distance for <see cref="SimilarityMetric.Euclidean"/> and for Hamming searches.
/// </param>
public readonly record struct ScoredMatch(int Index, float Score);
