using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
#if NET
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
#endif

namespace JinaClip.Similarity;

/// <summary>
/// A softmax that cannot overflow (the largest value is subtracted first: exp(100) is past float's range), written out
/// with its own vectorised exp and compiled optimized at once, so the first call of a large local classification does
/// not run the library's generic helpers at tier 0 for a hundred thousand rows.
/// </summary>
internal static class SoftMax
{
    /// <summary>Replaces <paramref name="values"/> with their softmax, in place, and returns the position of the largest.</summary>
#if NET
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
#endif
    public static int InPlace(Span<float> values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        var max = values[best];
        var sum = 0f;
        var at = 0;
#if NET
        if (Vector512.IsHardwareAccelerated)
        {
            ref var first = ref MemoryMarshal.GetReference(values);
            var total = Vector512<float>.Zero;
            var top = Vector512.Create(max);
            for (; at <= values.Length - Vector512<float>.Count; at += Vector512<float>.Count)
            {
                var e = Exp(Vector512.LoadUnsafe(ref first, (nuint)at) - top);
                e.StoreUnsafe(ref first, (nuint)at);
                total += e;
            }

            sum = Vector512.Sum(total);
        }
#endif
        for (; at < values.Length; at++)
        {
            values[at] = (float)Math.Exp(values[at] - max);
            sum += values[at];
        }

        var scale = 1 / sum;
        for (var i = 0; i < values.Length; i++)
        {
            values[i] *= scale;
        }

        return best;
    }

#if NET
    /// <summary>
    /// e^x for x ≤ 0 (values past −87 give the smallest normal float, which a softmax sums as nothing): x = n·ln 2 + r
    /// with |r| ≤ ln 2 / 2, e^r by a degree-6 polynomial (relative error below 2e-7), times 2^n through the exponent bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<float> Exp(Vector512<float> x)
    {
        x = Vector512.Max(x, Vector512.Create(-87f));
        var n = Vector512.Floor((x * Vector512.Create(1.44269504f)) + Vector512.Create(0.5f));
        var r = x - (n * Vector512.Create(0.693359375f)) + (n * Vector512.Create(2.12194440e-4f));
        var p = Vector512.Create(1.9875691500e-4f);
        p = (p * r) + Vector512.Create(1.3981999507e-3f);
        p = (p * r) + Vector512.Create(8.3334519073e-3f);
        p = (p * r) + Vector512.Create(4.1665795894e-2f);
        p = (p * r) + Vector512.Create(1.6666665459e-1f);
        p = (p * r) + Vector512.Create(5.0000001201e-1f);
        p = (p * r * r) + r + Vector512<float>.One;
        var exponent = Vector512.ShiftLeft(Vector512.ConvertToInt32(n) + Vector512.Create(127), 23);
        return p * exponent.AsSingle();
    }
#endif
}
