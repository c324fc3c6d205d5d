using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
#if NET
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
#else
using System.Numerics;
#endif

namespace JinaClip.Similarity;

/// <summary>
/// The exact integer dot product of int8 row codes with the query's codes. The fastest path the CPU has is used:
/// AVX-VNNI <c>vpdpbusd</c> (.NET 9+), then AVX-512BW or AVX2 multiply-add (<c>vpmaddwd</c>) on the query widened
/// to int16, then portable SIMD. All paths give the same integer.
/// </summary>
/// <remarks>
/// A product is at most 127², so rows of up to <see cref="MaxInt32Length"/> (133,144) values are summed in int32
/// lanes without overflow. Longer rows are summed in int64, one value at a time.
/// </remarks>
internal static class Int8Dot
{
    /// <summary>The longest row whose int32 sum cannot overflow: 127 × 127 × n &lt; 2^31.</summary>
    public const int MaxInt32Length = int.MaxValue / (127 * 127);

    /// <summary>The longest row for the VNNI path, whose biased query codes reach 255: 255 × 127 × n &lt; 2^31.</summary>
    public const int MaxVnniLength = int.MaxValue / (255 * 127);

    /// <summary>The dot product of a row's codes with the query's.</summary>
    /// <param name="row">The row's codes.</param>
    /// <param name="rowSum">The sum of the row's codes (the VNNI path's correction for its biased query).</param>
    /// <param name="queryCodes">The query's codes widened to int16.</param>
    /// <param name="biasedQueryCodes">The query's codes + 128, as bytes (for VNNI's unsigned × signed multiply).</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Dot(ReadOnlySpan<sbyte> row, int rowSum, ReadOnlySpan<short> queryCodes, ReadOnlySpan<byte> biasedQueryCodes)
    {
#if NET9_0_OR_GREATER
        if (AvxVnni.IsSupported && row.Length >= Vector256<sbyte>.Count && row.Length <= MaxVnniLength)
        {
            return VnniDot(row, biasedQueryCodes) - (128L * rowSum);
        }
#else
        _ = rowSum;
        _ = biasedQueryCodes;
#endif
        return Dot(row, queryCodes);
    }

#if NET9_0_OR_GREATER
    /// <summary>
    /// Σ biased·row with <c>vpdpbusd</c>: four unsigned × signed byte products summed into each int32 lane, with two
    /// accumulators so consecutive instructions do not wait on each other.
    /// </summary>
    private static long VnniDot(ReadOnlySpan<sbyte> row, ReadOnlySpan<byte> biased)
    {
        ref var r = ref MemoryMarshal.GetReference(row);
        ref var q = ref MemoryMarshal.GetReference(biased);
        var even = Vector256<int>.Zero;
        var odd = Vector256<int>.Zero;
        var i = 0;
        for (; i <= row.Length - (2 * Vector256<sbyte>.Count); i += 2 * Vector256<sbyte>.Count)
        {
            even = AvxVnni.MultiplyWideningAndAdd(even, Vector256.LoadUnsafe(ref q, (nuint)i), Vector256.LoadUnsafe(ref r, (nuint)i));
            odd = AvxVnni.MultiplyWideningAndAdd(
                odd, Vector256.LoadUnsafe(ref q, (nuint)(i + Vector256<sbyte>.Count)), Vector256.LoadUnsafe(ref r, (nuint)(i + Vector256<sbyte>.Count)));
        }

        if (i <= row.Length - Vector256<sbyte>.Count)
        {
            even = AvxVnni.MultiplyWideningAndAdd(even, Vector256.LoadUnsafe(ref q, (nuint)i), Vector256.LoadUnsafe(ref r, (nuint)i));
            i += Vector256<sbyte>.Count;
        }

        long sum = Vector256.Sum(even + odd);
        for (; i < row.Length; i++)
        {
            sum += biased[i] * row[i];
        }

        return sum;
    }
#endif

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Dot(ReadOnlySpan<sbyte> row, ReadOnlySpan<short> query)
    {
        if (row.Length > MaxInt32Length)
        {
            return Scalar(row, query, 0);
        }

        var i = 0;
        long sum = 0;
        ref var r = ref MemoryMarshal.GetReference(row);
        ref var q = ref MemoryMarshal.GetReference(query);
#if NET
        if (Avx512BW.IsSupported && row.Length >= Vector512<sbyte>.Count)
        {
            var acc = Vector512<int>.Zero;
            for (; i <= row.Length - Vector512<sbyte>.Count; i += Vector512<sbyte>.Count)
            {
                var (low, high) = Vector512.Widen(Vector512.LoadUnsafe(ref r, (nuint)i));
                acc += Avx512BW.MultiplyAddAdjacent(low, Vector512.LoadUnsafe(ref q, (nuint)i));
                acc += Avx512BW.MultiplyAddAdjacent(high, Vector512.LoadUnsafe(ref q, (nuint)(i + Vector512<short>.Count)));
            }

            sum = Vector512.Sum(acc);
        }
        else if (Avx2.IsSupported && row.Length >= Vector256<sbyte>.Count)
        {
            var acc = Vector256<int>.Zero;
            for (; i <= row.Length - Vector256<sbyte>.Count; i += Vector256<sbyte>.Count)
            {
                var (low, high) = Vector256.Widen(Vector256.LoadUnsafe(ref r, (nuint)i));
                acc += Avx2.MultiplyAddAdjacent(low, Vector256.LoadUnsafe(ref q, (nuint)i));
                acc += Avx2.MultiplyAddAdjacent(high, Vector256.LoadUnsafe(ref q, (nuint)(i + Vector256<short>.Count)));
            }

            sum = Vector256.Sum(acc);
        }
        else if (Vector128.IsHardwareAccelerated && row.Length >= Vector128<sbyte>.Count)
        {
            var acc = Vector128<int>.Zero;
            for (; i <= row.Length - Vector128<sbyte>.Count; i += Vector128<sbyte>.Count)
            {
                var (low, high) = Vector128.Widen(Vector128.LoadUnsafe(ref r, (nuint)i));
                var queryLow = Vector128.LoadUnsafe(ref q, (nuint)i);
                var queryHigh = Vector128.LoadUnsafe(ref q, (nuint)(i + Vector128<short>.Count));
                acc += Products(low, queryLow) + Products(high, queryHigh);
            }

            sum = Vector128.Sum(acc);
        }
#else
        if (Vector.IsHardwareAccelerated && row.Length >= Vector<sbyte>.Count)
        {
            var acc = Vector<int>.Zero;
            var rows = MemoryMarshal.Cast<sbyte, Vector<sbyte>>(row);
            var queries = MemoryMarshal.Cast<short, Vector<short>>(query);
            for (var v = 0; v < rows.Length; v++, i += Vector<sbyte>.Count)
            {
                Vector.Widen(rows[v], out var low, out var high);
                acc += Products(low, queries[2 * v]) + Products(high, queries[(2 * v) + 1]);
            }

            sum = Vector.Dot(acc, Vector<int>.One);
        }
#endif
        return sum + Scalar(row, query, i);
    }

    private static long Scalar(ReadOnlySpan<sbyte> row, ReadOnlySpan<short> query, int start)
    {
        long sum = 0;
        for (var i = start; i < row.Length; i++)
        {
            sum += row[i] * query[i];
        }

        return sum;
    }

#if NET
    private static Vector128<int> Products(Vector128<short> a, Vector128<short> b)
    {
        var (aLow, aHigh) = Vector128.Widen(a);
        var (bLow, bHigh) = Vector128.Widen(b);
        return (aLow * bLow) + (aHigh * bHigh);
    }
#else
    private static Vector<int> Products(Vector<short> a, Vector<short> b)
    {
        Vector.Widen(a, out var aLow, out var aHigh);
        Vector.Widen(b, out var bLow, out var bHigh);
        return (aLow * bLow) + (aHigh * bHigh);
    }
#endif
}
