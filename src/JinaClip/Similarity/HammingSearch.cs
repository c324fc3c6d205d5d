using System.Buffers.Binary;
using System.Numerics;
using JinaClip.Similarity;

namespace JinaClip;

/// <summary>
/// Search over binary embeddings (<see cref="EmbeddingType.Binary"/> / <see cref="EmbeddingType.UBinary"/>, packed
/// eight dimensions a byte as <see cref="JinaEmbedding.GetPackedBits"/> gives them): Hamming distance with 64-bit
/// popcount, top-k by distance, and re-ranking a binary shortlist with float vectors.
/// </summary>
public static class HammingSearch
{
    /// <summary>Counts the bits that differ between two packed bit vectors.</summary>
    /// <param name="x">The first vector's bytes.</param>
    /// <param name="y">The second vector's bytes, as many as <paramref name="x"/>.</param>
    /// <returns>The number of differing bits, from 0 to 8 × length.</returns>
    /// <exception cref="ArgumentException">The vectors differ in length or are empty.</exception>
    public static int Distance(ReadOnlySpan<byte> x, ReadOnlySpan<byte> y)
    {
        if (x.Length != y.Length)
        {
            throw new ArgumentException($"The packed vectors differ in length: {x.Length} and {y.Length} bytes.", nameof(y));
        }

        if (x.IsEmpty)
        {
            throw new ArgumentException("The packed vectors are empty.", nameof(x));
        }

        return DistanceCore(x, y);
    }

    /// <summary>Finds the <paramref name="k"/> stored bit vectors nearest to <paramref name="query"/> by Hamming distance.</summary>
    /// <param name="query">The query's packed bits.</param>
    /// <param name="packed">The stored vectors' packed bits, row after row, each as long as <paramref name="query"/>.</param>
    /// <param name="k">How many results at most.</param>
    /// <returns>The nearest rows first (<see cref="ScoredMatch.Score"/> is the distance); ties ordered by the lower row.</returns>
    /// <exception cref="ArgumentException">The buffer is not a whole number of rows of the query's length.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is below 1.</exception>
    public static ScoredMatch[] TopK(ReadOnlySpan<byte> query, ReadOnlySpan<byte> packed, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (query.IsEmpty || packed.Length % query.Length != 0)
        {
            throw new ArgumentException($"The buffer holds {packed.Length} bytes, not a whole number of {query.Length}-byte rows.", nameof(packed));
        }

        var rows = packed.Length / query.Length;
        var selector = new TopKSelector(Math.Min(k, Math.Max(rows, 1)));
        for (var row = 0; row < rows; row++)
        {
            selector.Offer(-DistanceCore(query, packed.Slice(row * query.Length, query.Length)), row);
        }

        return Array.ConvertAll(selector.ToSortedArray(), p => new ScoredMatch(p.Index, -p.Key));
    }

    /// <summary>
    /// Re-ranks a shortlist (typically a generous Hamming top-k) by a float metric against full-precision vectors, and
    /// keeps the best <paramref name="k"/>: binary search for speed, float scores for accuracy.
    /// </summary>
    /// <param name="query">The float query.</param>
    /// <param name="vectors">The float vectors, with the same rows as the binary ones.</param>
    /// <param name="shortlist">The candidate rows (their scores are ignored).</param>
    /// <param name="k">How many results at most.</param>
    /// <param name="metric">The float comparison.</param>
    /// <returns>The best candidates first, with float scores; ties ordered by the lower row.</returns>
    /// <exception cref="ArgumentException">The query's length differs from the matrix's dimensions.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A candidate row is outside the matrix, or <paramref name="k"/> is below 1.</exception>
    public static ScoredMatch[] Rescore(
        ReadOnlySpan<float> query, VectorMatrix vectors, IEnumerable<ScoredMatch> shortlist, int k, SimilarityMetric metric = SimilarityMetric.Cosine)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        ArgumentNullException.ThrowIfNull(shortlist);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (query.Length != vectors.Dimensions)
        {
            throw new ArgumentException($"The query has {query.Length} values; the stored vectors have {vectors.Dimensions}.", nameof(query));
        }

        var selector = new TopKSelector(k);
        var seen = new HashSet<int>();
        foreach (var candidate in shortlist)
        {
            if (!seen.Add(candidate.Index))
            {
                continue; // a row listed twice is scored once
            }

            var row = vectors.GetRow(candidate.Index);
            var key = metric switch
            {
                SimilarityMetric.DotProduct => VectorMath.DotProduct(query, row),
                SimilarityMetric.Euclidean => -VectorMath.EuclideanDistance(query, row),
                SimilarityMetric.Cosine => VectorMath.CosineSimilarity(query, row),
            };
            selector.Offer(key, candidate.Index);
        }

        return Array.ConvertAll(selector.ToSortedArray(), p => new ScoredMatch(p.Index, metric == SimilarityMetric.Euclidean ? -p.Key : p.Key));
    }

    private static int DistanceCore(ReadOnlySpan<byte> x, ReadOnlySpan<byte> y)
    {
        var distance = 0;
        var i = 0;
        for (; i + 8 <= x.Length; i += 8)
        {
            distance += BitOperations.PopCount(BinaryPrimitives.ReadUInt64LittleEndian(x[i..]) ^ BinaryPrimitives.ReadUInt64LittleEndian(y[i..]));
        }

        for (; i < x.Length; i++)
        {
            distance += BitOperations.PopCount((uint)(x[i] ^ y[i]));
        }

        return distance;
    }
}
