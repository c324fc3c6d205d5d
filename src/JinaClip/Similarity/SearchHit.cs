namespace JinaClip;

/// <summary>One result of a <see cref="VectorIndex"/> search.</summary>
public readonly struct SearchHit : IEquatable<SearchHit>
{
    internal SearchHit(string id, float score)
    {
        Id = id;
        Score = score;
    }

    /// <summary>Gets the id the vector was added under.</summary>
    public string Id { get; }

    /// <summary>Gets the score: a similarity for cosine and dot product, a distance for Euclidean.</summary>
    public float Score { get; }

    /// <summary>Compares two hits.</summary>
    /// <param name="left">A hit.</param>
    /// <param name="right">Another hit.</param>
    /// <returns>Whether id and score are equal.</returns>
    public static bool operator ==(SearchHit left, SearchHit right) => left.Equals(right);

    /// <summary>Compares two hits.</summary>
    /// <param name="left">A hit.</param>
    /// <param name="right">Another hit.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(SearchHit left, SearchHit right) => !left.Equals(right);

    /// <inheritdoc/>
    public bool Equals(SearchHit other) => string.Equals(Id, other.Id, StringComparison.Ordinal) && Score.Equals(other.Score);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is SearchHit other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => (StringComparer.Ordinal.GetHashCode(Id ?? string.Empty) * 397) ^ Score.GetHashCode();

    /// <summary>Formats the hit as <c>id: score</c>.</summary>
    /// <returns>The id and score.</returns>
    public override string ToString() => FormattableString.Invariant($"{Id}: {Score}");
}
