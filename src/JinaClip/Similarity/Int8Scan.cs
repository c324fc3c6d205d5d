using System.Runtime.CompilerServices;

namespace JinaClip.Similarity;

/// <summary>
/// Exact top-k from a quarter of the memory traffic: each row is first scored from its int8 codes, with a proven upper
/// bound on its exact key, and only a row whose bound reaches the selector's current k-th best is scored from its
/// floats. The result is the float scan's, row for row and score for score.
/// </summary>
/// <remarks>
/// For query q, row x, their int8 versions q' = s_q·c_q and x' = s_x·c_x, and the rounding residues e_q = q − q' and
/// e_x = x − x': q·x − q'·x' = q·e_x + e_q·x', so |q·x − q'·x'| ≤ ‖q‖‖e_x‖ + ‖e_q‖(‖x‖ + ‖e_x‖) (Cauchy–Schwarz).
/// q'·x' = s_q·s_x·(c_q·c_x), an exact integer dot product. The float scan's own rounding, at most about n·2^−24 of
/// ‖q‖‖x‖ for n dimensions, is covered by a margin of 4n·2^−24 of ‖q‖‖x‖. A row whose bound is below the k-th best
/// exact key found so far cannot be in the top k, and keys only improve, so skipping it is safe.
/// </remarks>
internal sealed class Int8Scan : IRowScan
{
    private const float UnitRoundoff = 1f / (1 << 24);

    private readonly FloatScan _exact;
    private readonly ReadOnlyMemory<float> _vectors;
    private readonly int _dimensions;
    private readonly SimilarityMetric _metric;
    private readonly float[] _norms;
    private readonly Int8Rows _rows;
    private readonly short[] _queryCodes;
    private readonly byte[] _biasedQueryCodes;
    private readonly float _queryScale;
    private readonly float _queryError;
    private readonly float _queryNorm;
    private readonly float _margin;

    private Int8Scan(FloatScan exact, ReadOnlyMemory<float> vectors, int dimensions, SimilarityMetric metric, float[] norms, Int8Rows rows, short[] queryCodes, float queryScale, float queryError)
    {
        _exact = exact;
        _vectors = vectors;
        _dimensions = dimensions;
        _metric = metric;
        _norms = norms;
        _rows = rows;
        _queryCodes = queryCodes;
        _biasedQueryCodes = Array.ConvertAll(queryCodes, c => (byte)(c + 128));
        _queryScale = queryScale;
        _queryError = queryError;
        _queryNorm = exact.QueryNorm;
        _margin = 4f * dimensions * UnitRoundoff;
    }

    /// <summary>The prefiltered scan, or null when the float scan must run instead: Euclidean, or a zero or non-finite query.</summary>
    public static Int8Scan? TryCreate(FloatScan exact, float[] query, ReadOnlyMemory<float> vectors, int dimensions, SimilarityMetric metric, float[] norms, Int8Rows rows)
    {
        if (metric == SimilarityMetric.Euclidean || !(exact.QueryNorm > 0f && exact.QueryNorm <= float.MaxValue))
        {
            return null;
        }

        var codes = new sbyte[dimensions];
        var scale = Int8Rows.Quantize(query, codes, out var error);
        if (float.IsNaN(scale))
        {
            return null;
        }

        return new Int8Scan(exact, vectors, dimensions, metric, norms, rows, Array.ConvertAll(codes, c => (short)c), scale, error);
    }

    // Fully optimised from the first call: a search is one long loop, which tiered compilation would otherwise run
    // unoptimised for its first few hundred calls.
#if NET
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
#endif
    public void Run(int start, int end, TopKSelector selector)
    {
        var data = _vectors.Span;
        var queryCodes = _queryCodes.AsSpan();
        var biasedQueryCodes = _biasedQueryCodes.AsSpan();
        for (var row = start; row < end; row++)
        {
            if (selector.IsFull && UpperBound(row, queryCodes, biasedQueryCodes) < selector.Threshold)
            {
                continue;
            }

            selector.Offer(_exact.Key(data.Slice(row * _dimensions, _dimensions), row), row);
        }
    }

    /// <summary>An upper bound on the row's exact key; +∞ when the row has no codes (NaN or infinity in it).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private float UpperBound(int row, ReadOnlySpan<short> queryCodes, ReadOnlySpan<byte> biasedQueryCodes)
    {
        var scale = _rows.Scale(row);
        if (float.IsNaN(scale))
        {
            return float.PositiveInfinity;
        }

        var norm = _norms[row];
        var rowError = _rows.ErrorNorm(row);
        var approximate = _queryScale * scale * Int8Dot.Dot(_rows.Codes(row), _rows.Sum(row), queryCodes, biasedQueryCodes);
        var bound = (_queryNorm * rowError) + (_queryError * (norm + rowError));
        var lengths = _queryNorm * norm;
        if (!(lengths <= float.MaxValue))
        {
            return float.PositiveInfinity; // overflowed: let the exact key decide
        }

        if (_metric == SimilarityMetric.DotProduct)
        {
            return approximate + bound + (_margin * lengths);
        }

        // Cosine: a zero row's key is exactly 0.
        return lengths == 0f ? 0f : ((approximate + bound) / lengths) + _margin;
    }
}
