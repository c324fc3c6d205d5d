using System.Runtime.InteropServices;
#if NET
using System.Runtime.Intrinsics;
#endif

namespace JinaClip.Wire;

/// <summary>Finds a NaN or an infinity in a decoded vector: an embedding holds finite numbers only.</summary>
internal static class FiniteValues
{
    private const int ExponentMask = 0x7F80_0000;

    /// <summary>Gets the position of the first NaN or infinity in <paramref name="values"/>, or -1 when all are finite.</summary>
    public static int FirstNonFinite(ReadOnlySpan<float> values)
    {
        // All exponent bits set means NaN or ±infinity: one integer test per value, no branch on the value's sign.
        var bits = MemoryMarshal.Cast<float, int>(values);
        var i = 0;
#if NET
        if (Vector128.IsHardwareAccelerated)
        {
            // Vectors of four values at a time, OR-ing whether any lane has all its exponent bits set; the scalar loop
            // below then finds the exact position only in a vector that had one (and only on the error path).
            var mask = Vector128.Create(ExponentMask);
            ref var start = ref MemoryMarshal.GetReference(bits);
            for (; i <= bits.Length - (Vector128<int>.Count * 4); i += Vector128<int>.Count * 4)
            {
                var a = Vector128.Equals(Vector128.LoadUnsafe(ref start, (nuint)i) & mask, mask);
                var b = Vector128.Equals(Vector128.LoadUnsafe(ref start, (nuint)(i + 4)) & mask, mask);
                var c = Vector128.Equals(Vector128.LoadUnsafe(ref start, (nuint)(i + 8)) & mask, mask);
                var d = Vector128.Equals(Vector128.LoadUnsafe(ref start, (nuint)(i + 12)) & mask, mask);
                if ((a | b | c | d) != Vector128<int>.Zero)
                {
                    break;
                }
            }
        }
#endif
        for (; i < bits.Length; i++)
        {
            if ((bits[i] & ExponentMask) == ExponentMask)
            {
                return i;
            }
        }

        return -1;
    }
}
