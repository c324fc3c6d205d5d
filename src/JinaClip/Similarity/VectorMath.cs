using System.Numerics.Tensors;

namespace JinaClip;

/// <summary>Vector similarity on spans, through <see cref="TensorPrimitives"/> (SIMD where the CPU has it).</summary>
public static class VectorMath
{
    /// <summary>Computes the cosine similarity of two vectors of equal length.</summary>
    /// <param name="x">The first vector.</param>
    /// <param name="y">The second vector.</param>
    /// <returns>A value in [-1, 1]; 0 when either vector is all zeros (never NaN).</returns>
    /// <exception cref="ArgumentException">The vectors differ in length or are empty.</exception>
    public static float CosineSimilarity(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        CheckLengths(x, y);
        var dot = TensorPrimitives.Dot(x, y);
        var norms = TensorPrimitives.Norm(x) * TensorPrimitives.Norm(y);
        return norms == 0f ? 0f : Math.Clamp(dot / norms, -1f, 1f);
    }

    /// <summary>Computes the cosine similarity of two float embeddings.</summary>
    /// <param name="x">The first embedding.</param>
    /// <param name="y">The second embedding.</param>
    /// <returns>A value in [-1, 1]; 0 when either vector is all zeros.</returns>
    /// <exception cref="ArgumentException">The vectors differ in length.</exception>
    /// <exception cref="InvalidOperationException">An embedding is binary.</exception>
    public static float CosineSimilarity(JinaEmbedding x, JinaEmbedding y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        return CosineSimilarity(x.Vector.Span, y.Vector.Span);
    }

    private static void CheckLengths(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        if (x.Length != y.Length)
        {
            throw new ArgumentException($"The vectors differ in length: {x.Length} and {y.Length}.", nameof(y));
        }

        if (x.IsEmpty)
        {
            throw new ArgumentException("The vectors are empty.", nameof(x));
        }
    }
}
