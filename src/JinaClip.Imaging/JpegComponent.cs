namespace JinaClip.Imaging;

/// <summary>One colour component of a baseline JPEG, as <see cref="JpegDcDecoder"/> needs it.</summary>
/// <param name="H">Horizontal sampling factor (1 or 2).</param>
/// <param name="V">Vertical sampling factor (1 or 2).</param>
/// <param name="Quantizer">Its quantization table, in natural (row-major) order.</param>
/// <param name="Dc">Its DC Huffman table.</param>
/// <param name="Ac">Its AC Huffman table.</param>
internal sealed record JpegComponent(int H, int V, int[] Quantizer, HuffmanSkipTable Dc, HuffmanSkipTable Ac)
{
    /// <summary>
    /// Gets or sets whether each block gives 2×2 pixels (its full coefficients through libjpeg's 2×2 inverse DCT), as
    /// libjpeg does for chroma subsampled both ways at 1/8 scale, instead of one pixel from its DC coefficient.
    /// </summary>
    public bool TwoByTwo { get; init; }
}
