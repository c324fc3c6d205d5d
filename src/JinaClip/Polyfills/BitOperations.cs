#if NETSTANDARD2_0
namespace JinaClip.Polyfills;

/// <summary>Population count, which netstandard2.0 does not expose (<c>System.Numerics.BitOperations</c> is net5.0+).</summary>
internal static class BitOperations
{
    public static int PopCount(ulong value)
    {
        // SWAR bit count (Hacker's Delight 5-2).
        value -= (value >> 1) & 0x5555555555555555UL;
        value = (value & 0x3333333333333333UL) + ((value >> 2) & 0x3333333333333333UL);
        value = (value + (value >> 4)) & 0x0F0F0F0F0F0F0F0FUL;
        return (int)((value * 0x0101010101010101UL) >> 56);
    }
}
#endif
