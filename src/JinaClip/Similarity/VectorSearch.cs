using JinaClip.Similarity;

namespace JinaClip;

/// <summary>
/// Top-k search of a query against many stored vectors in one contiguous buffer: partial selection (O(N log k)), in
/// parallel over the cores for large N, results best first with ties broken by the lower row.
/// </summary>
public static class VectorSearch
{
    /// <summary>Below this many stored values (rows × dimensions) a search runs on one thread.</summary>
    private const long ParallelThreshold = 1 << 20;

    /// <summary>Finds the <paramref name="k"/> rows of <paramref name="matrix"/> closest to <paramref name="query"/>.</summary>
    /// <param name="query">The query vector, <see cref="VectorMatrix.Dimensions"/> long.</param>
    /// <param name="matrix">The stored vectors.</param>
    /// <param name="k">How many results at most; fewer when the matrix has fewer rows.</param>
    /// <param name="metric">The comparison. Cosine uses the row lengths the matrix keeps: one dot product a row.</param>
    /// <returns>The best rows first. A zero query or row scores 0 under cosine; rows whose score is NaN (NaN in the data) rank last.</returns>
    /// <exception cref="ArgumentException">The query's length differs from the matrix's dimensions.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is below 1.</exception>
    public static ScoredMatch[] TopK(ReadOnlySpan<float> query, VectorMatrix matrix, int k, SimilarityMetric metric = SimilarityMetric.Cosine)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        return Search(query, matrix.Memory, matrix.Dimensions, k, metric, matrix.NormsBuffer, matrix.Int8);
    }

    /// <summary>Finds the <paramref name="k"/> rows of a row-major buffer closest to <paramref name="query"/>.</summary>
    /// <param name="query">The query vector, <paramref name="dimensions"/> long.</param>
    /// <param name="vectors">The stored vectors, row after row: a multiple of <paramref name="dimensions"/> values.</param>
    /// <param name="dimensions">The length of each row.</param>
    /// <param name="k">How many results at most.</param>
    /// <param name="metric">The comparison.</param>
    /// <returns>The best rows first; ties ordered by the lower row.</returns>
    /// <exception cref="ArgumentException">The lengths do not fit <paramref name="dimensions"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> or <paramref name="dimensions"/> is below 1.</exception>
    public static ScoredMatch[] TopK(ReadOnlySpan<float> query, ReadOnlyMemory<float> vectors, int dimensions, int k, SimilarityMetric metric = SimilarityMetric.Cosine)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        if (vectors.Length % dimensions != 0)
        {
            throw new ArgumentException($"The buffer holds {vectors.Length} values, not a multiple of {dimensions} dimensions.", nameof(vectors));
        }

        return Search(query, vectors, dimensions, k, metric, norms: null, int8: null);
    }

    private static ScoredMatch[] Search(
        ReadOnlySpan<float> query, ReadOnlyMemory<float> vectors, int dimensions, int k, SimilarityMetric metric, float[]? norms, Int8Rows? int8)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (query.Length != dimensions)
        {
            throw new ArgumentException($"The query has {query.Length} values; the stored vectors have {dimensions}.", nameof(query));
        }

        var rows = vectors.Length / dimensions;
        var queryArray = query.ToArray();
        var exact = new FloatScan(queryArray, vectors, dimensions, metric, metric == SimilarityMetric.Cosine ? norms : null);
        var scan = (IRowScan?)(int8 is null || norms is null ? null : Int8Scan.TryCreate(exact, queryArray, vectors, dimensions, metric, norms, int8)) ?? exact;
        var selector = new TopKSelector(Math.Min(k, Math.Max(rows, 1)));
        var chunks = (long)rows * dimensions >= ParallelThreshold ? Math.Min(Environment.ProcessorCount, rows / 1024) : 1;
        if (chunks <= 1)
        {
            scan.Run(0, rows, selector);
        }
        else
        {
            var partial = new TopKSelector[chunks];
            Parallel.For(0, chunks, c =>
            {
                var start = (int)((long)rows * c / chunks);
                var end = (int)((long)rows * (c + 1) / chunks);
                partial[c] = new TopKSelector(Math.Min(k, end - start));
                scan.Run(start, end, partial[c]);
            });
            foreach (var part in partial)
            {
                selector.Merge(part);
            }
        }

        return Array.ConvertAll(selector.ToSortedArray(), p => new ScoredMatch(p.Index, metric == SimilarityMetric.Euclidean ? -p.Key : p.Key));
    }
}
