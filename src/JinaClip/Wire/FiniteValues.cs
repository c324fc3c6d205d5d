using System.Runtime.InteropServices;

namespace JinaClip.Wire;

/// <summary>Finds a NaN or an infinity in a decoded vector: an embedding holds finite numbers only.</summary>
internal static class FiniteValues
{
    private const int ExponentMask = 0x7F80_0000;

    /// <summary>Gets the position of the first NaN or infinity in <paramref name="values"/>, or -1 when all are finite.</summary>
    public static int FirstNonFinite(ReadOnlySpan<float> values)
    {
        // All exponent bits set means NaN or ±infinity; one integer test per value, no branch on the value's sign.
        var bits = MemoryMarshal.Cast<float, int>(values);
        for (var i = 0; i < bits.Length; i++)
        {
            if ((bits[i] & ExponentMask) == ExponentMask)
            {
                return i;
            }
        }

        return -1;
    }
}
