namespace JinaClip.Imaging;

/// <summary>
/// Separable bicubic resampling (a = −0.5) with the kernel widened by the scale factor when shrinking, horizontal pass
/// first and each pass rounded to 8 bits: the algorithm of Pillow's <c>Image.resize(…, BICUBIC)</c>, which the CLIP models'
/// own preprocessing uses, so what is sent is what the model would have seen. Works on 8-bit RGBA rows; alpha is
/// ignored and written opaque (as <c>convert("RGB")</c> drops it).
/// </summary>
internal static class BicubicResampler
{
    private const double Support = 2.0;

    /// <summary>Resizes <paramref name="source"/> (RGBA, <paramref name="width"/> × <paramref name="height"/>) to <paramref name="outWidth"/> × <paramref name="outHeight"/> RGBA.</summary>
    public static byte[] Resize(ReadOnlySpan<byte> source, int width, int height, int outWidth, int outHeight)
    {
        var (xBounds, xWeights, xTaps) = Coefficients(width, outWidth);
        var (yBounds, yWeights, yTaps) = Coefficients(height, outHeight);

        // Horizontal: height rows of outWidth pixels.
        var horizontal = new byte[outWidth * height * 4];
        for (var y = 0; y < height; y++)
        {
            var row = source.Slice(y * width * 4, width * 4);
            var output = horizontal.AsSpan(y * outWidth * 4, outWidth * 4);
            for (var x = 0; x < outWidth; x++)
            {
                var (start, count) = xBounds[x];
                var weights = xWeights.AsSpan(x * xTaps, count);
                double r = 0, g = 0, b = 0;
                for (var k = 0; k < count; k++)
                {
                    var p = (start + k) * 4;
                    r += row[p] * weights[k];
                    g += row[p + 1] * weights[k];
                    b += row[p + 2] * weights[k];
                }

                Write(output, x * 4, r, g, b);
            }
        }

        // Vertical: outHeight rows of outWidth pixels.
        var result = new byte[outWidth * outHeight * 4];
        var stride = outWidth * 4;
        for (var y = 0; y < outHeight; y++)
        {
            var (start, count) = yBounds[y];
            var weights = yWeights.AsSpan(y * yTaps, count);
            var output = result.AsSpan(y * stride, stride);
            for (var x = 0; x < outWidth; x++)
            {
                double r = 0, g = 0, b = 0;
                for (var k = 0; k < count; k++)
                {
                    var p = ((start + k) * stride) + (x * 4);
                    r += horizontal[p] * weights[k];
                    g += horizontal[p + 1] * weights[k];
                    b += horizontal[p + 2] * weights[k];
                }

                Write(output, x * 4, r, g, b);
            }
        }

        return result;
    }

    /// <summary>For each output position: the first input and the number of inputs it reads, and their normalised weights.</summary>
    private static ((int Start, int Count)[] Bounds, double[] Weights, int Taps) Coefficients(int inSize, int outSize)
    {
        var scale = inSize / (double)outSize;
        var filterScale = Math.Max(scale, 1.0);
        var support = Support * filterScale;
        var taps = ((int)Math.Ceiling(support) * 2) + 1;
        var bounds = new (int, int)[outSize];
        var weights = new double[outSize * taps];
        for (var i = 0; i < outSize; i++)
        {
            var center = (i + 0.5) * scale;
            var min = Math.Max(0, (int)(center - support + 0.5));
            var max = Math.Min(inSize, (int)(center + support + 0.5)) - min;
            var total = 0.0;
            for (var k = 0; k < max; k++)
            {
                var w = Kernel((k + min - center + 0.5) / filterScale);
                weights[(i * taps) + k] = w;
                total += w;
            }

            for (var k = 0; k < max && total != 0; k++)
            {
                weights[(i * taps) + k] /= total;
            }

            bounds[i] = (min, max);
        }

        return (bounds, weights, taps);
    }

    private static double Kernel(double x)
    {
        const double A = -0.5;
        x = Math.Abs(x);
        return x < 1.0 ? ((((A + 2.0) * x) - (A + 3.0)) * x * x) + 1
            : x < 2.0 ? ((((x - 5) * x) + 8) * x - 4) * A
            : 0.0;
    }

    private static void Write(Span<byte> output, int at, double r, double g, double b)
    {
        output[at] = Clamp(r);
        output[at + 1] = Clamp(g);
        output[at + 2] = Clamp(b);
        output[at + 3] = 255;
    }

    private static byte Clamp(double value) => value <= 0 ? (byte)0 : value >= 255 ? (byte)255 : (byte)(value + 0.5);
}
