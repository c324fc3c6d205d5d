using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace JinaClip.Similarity;

/// <summary>
/// Scores every row from its floats. Keys are higher-is-better (the negated distance for Euclidean). This is the
/// reference every other scan must agree with exactly.
/// </summary>
internal sealed class FloatScan(float[] query, ReadOnlyMemory<float> vectors, int dimensions, SimilarityMetric metric, float[]? norms) : IRowScan
{
    public float QueryNorm { get; } = TensorPrimitives.Norm(query);

    // Fully optimised from the first call (see Int8Scan.Run).
#if NET
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
#endif
    public void Run(int start, int end, TopKSelector selector)
    {
        var data = vectors.Span;
        for (var row = start; row < end; row++)
        {
            selector.Offer(Key(data.Slice(row * dimensions, dimensions), row), row);
        }
    }

    /// <summary>The row's exact key.</summary>
    public float Key(ReadOnlySpan<float> vector, int row)
    {
        return metric switch
        {
            SimilarityMetric.DotProduct => TensorPrimitives.Dot(query, vector),
            SimilarityMetric.Euclidean => -TensorPrimitives.Distance(query, vector),
            SimilarityMetric.Cosine => Cosine(vector, row),
        };
    }

    private float Cosine(ReadOnlySpan<float> vector, int row)
    {
        var lengths = QueryNorm * (norms is null ? TensorPrimitives.Norm(vector) : norms[row]);
        return lengths == 0f ? 0f : Math.Clamp(TensorPrimitives.Dot(query, vector) / lengths, -1f, 1f);
    }
}
