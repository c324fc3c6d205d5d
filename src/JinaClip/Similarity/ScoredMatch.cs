namespace JinaClip;

/// <summary>One result of a top-k search: a stored vector's position and its score against the query.</summary>
public readonly struct ScoredMatch : IEquatable<ScoredMatch>
{
    internal ScoredMatch(int index, float score)
    {
        Index = index;
        Score = score;
    }

    /// <summary>Gets the stored vector's row (its position in the buffer or <see cref="VectorMatrix"/>).</summary>
    public int Index { get; }

    /// <summary>
    /// Gets the score: a similarity for <see cref="SimilarityMetric.Cosine"/> and <see cref="SimilarityMetric.DotProduct"/>,
    /// a distance for <see cref="SimilarityMetric.Euclidean"/> and for Hamming searches.
    /// </summary>
    public float Score { get; }

    /// <summary>Compares two matches.</summary>
    /// <param name="left">A match.</param>
    /// <param name="right">Another match.</param>
    /// <returns>Whether index and score are equal.</returns>
    public static bool operator ==(ScoredMatch left, ScoredMatch right) => left.Equals(right);

    /// <summary>Compares two matches.</summary>
    /// <param name="left">A match.</param>
    /// <param name="right">Another match.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(ScoredMatch left, ScoredMatch right) => !left.Equals(right);

    /// <inheritdoc/>
    public bool Equals(ScoredMatch other) => Index == other.Index && Score.Equals(other.Score);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ScoredMatch other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => (Index * 397) ^ Score.GetHashCode();

    /// <summary>Formats the match as <c>#index: score</c>.</summary>
    /// <returns>The row and score.</returns>
    public override string ToString() => FormattableString.Invariant($"#{Index}: {Score}");
}
