using System.Numerics.Tensors;

namespace JinaClip.Similarity;

/// <summary>A softmax that cannot overflow: the largest value is subtracted first (exp(100) is past float's range).</summary>
internal static class SoftMax
{
    /// <summary>Replaces <paramref name="values"/> with their softmax, in place.</summary>
    public static void InPlace(Span<float> values)
    {
        var max = TensorPrimitives.Max(values);
        TensorPrimitives.Subtract(values, max, values);
        TensorPrimitives.Exp(values, values);
        var sum = TensorPrimitives.Sum(values);
        TensorPrimitives.Divide(values, sum, values);
    }
}
