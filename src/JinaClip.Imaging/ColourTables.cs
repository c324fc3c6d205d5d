namespace JinaClip.Imaging;

/// <summary>libjpeg's YCbCr → RGB tables (jdcolor.c, 16-bit fixed point), indexed by the Cb or Cr sample (0–255).</summary>
internal static class ColourTables
{
    private const int Half = 1 << 15;

    /// <summary>Gets 1.402 (Cr − 128), rounded.</summary>
    public static int[] CrToR { get; } = Table(c => ((91881 * (c - 128)) + Half) >> 16);

    /// <summary>Gets 1.772 (Cb − 128), rounded.</summary>
    public static int[] CbToB { get; } = Table(c => ((116130 * (c - 128)) + Half) >> 16);

    /// <summary>Gets −0.34414 (Cb − 128), in 16-bit fixed point.</summary>
    public static int[] CbToG { get; } = Table(c => -22554 * (c - 128));

    /// <summary>Gets −0.71414 (Cr − 128) plus one half, in 16-bit fixed point.</summary>
    public static int[] CrToG { get; } = Table(c => (-46802 * (c - 128)) + Half);

    private static int[] Table(Func<int, int> value) => [.. Enumerable.Range(0, 256).Select(value)];
}
