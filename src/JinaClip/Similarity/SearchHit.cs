namespace JinaClip;

/// <summary>One result of a <see cref="VectorIndex"/> search.</summary>
/// <param name="Id">Gets the id the vector was added under.</param>
/// <param name="Score">Gets the score: a similarity for cosine and dot product, a distance for Euclidean.</param>
public readonly record struct SearchHit(string Id, float Score);
