using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace JinaClip.Imaging;

/// <summary>
/// Separable bicubic resampling (a = −0.5) with the kernel widened by the scale factor when shrinking, horizontal pass
/// first, each pass rounded to 8 bits, in 22-bit fixed point: the algorithm of Pillow's <c>Image.resize(…, BICUBIC)</c>,
/// which the CLIP models' own preprocessing uses, so what is sent is what the model would have seen. Works on 8-bit RGBA
/// rows; alpha is ignored and written opaque (as <c>convert("RGB")</c> drops it).
/// </summary>
internal static class BicubicResampler
{
    private const double Support = 2.0;
    private const int PrecisionBits = 32 - 8 - 2;
    private const int Half = 1 << (PrecisionBits - 1);

    /// <summary>Resizes <paramref name="source"/> (RGBA, <paramref name="width"/> × <paramref name="height"/>) to <paramref name="outWidth"/> × <paramref name="outHeight"/> RGBA.</summary>
    public static byte[] Resize(ReadOnlySpan<byte> source, int width, int height, int outWidth, int outHeight)
    {
        var (xBounds, xWeights, xTaps) = Coefficients(width, outWidth);
        var (yBounds, yWeights, yTaps) = Coefficients(height, outHeight);

        // Horizontal: height rows of outWidth pixels.
        var horizontal = new byte[outWidth * height * 4];
        ref var src = ref MemoryMarshal.GetReference(source);
        ref var mid = ref MemoryMarshal.GetArrayDataReference(horizontal);
        ref var xw = ref MemoryMarshal.GetArrayDataReference(xWeights);
        for (var y = 0; y < height; y++)
        {
            ref var row = ref Unsafe.Add(ref src, y * width * 4);
            ref var output = ref Unsafe.Add(ref mid, y * outWidth * 4);
            for (var x = 0; x < outWidth; x++)
            {
                var (start, count) = xBounds[x];
                ref var weights = ref Unsafe.Add(ref xw, x * xTaps);
                ref var pixel = ref Unsafe.Add(ref row, start * 4);
                var sum = Vector128.Create(Half);
                for (var k = 0; k < count; k++)
                {
                    sum += Widen(Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref pixel, k * 4))) * Unsafe.Add(ref weights, k);
                }

                var (r, g, b) = (sum.GetElement(0), sum.GetElement(1), sum.GetElement(2));
                Write(ref Unsafe.Add(ref output, x * 4), r, g, b);
            }
        }

        // Vertical: outHeight rows of outWidth pixels.
        var result = new byte[outWidth * outHeight * 4];
        ref var dst = ref MemoryMarshal.GetArrayDataReference(result);
        ref var yw = ref MemoryMarshal.GetArrayDataReference(yWeights);
        var stride = outWidth * 4;
        for (var y = 0; y < outHeight; y++)
        {
            var (start, count) = yBounds[y];
            ref var weights = ref Unsafe.Add(ref yw, y * yTaps);
            ref var output = ref Unsafe.Add(ref dst, y * stride);
            ref var top = ref Unsafe.Add(ref mid, start * stride);
            for (var x = 0; x < outWidth; x++)
            {
                ref var column = ref Unsafe.Add(ref top, x * 4);
                var sum = Vector128.Create(Half);
                for (var k = 0; k < count; k++)
                {
                    sum += Widen(Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref column, k * stride))) * Unsafe.Add(ref weights, k);
                }

                var (r, g, b) = (sum.GetElement(0), sum.GetElement(1), sum.GetElement(2));
                Write(ref Unsafe.Add(ref output, x * 4), r, g, b);
            }
        }

        return result;
    }

    /// <summary>For each output position: the first input and the number of inputs it reads, and their fixed-point weights.</summary>
    private static ((int Start, int Count)[] Bounds, int[] Weights, int Taps) Coefficients(int inSize, int outSize)
    {
        var scale = inSize / (double)outSize;
        var filterScale = Math.Max(scale, 1.0);
        var support = Support * filterScale;
        var taps = ((int)Math.Ceiling(support) * 2) + 1;
        var bounds = new (int, int)[outSize];
        var weights = new int[outSize * taps];
        var row = new double[taps];
        for (var i = 0; i < outSize; i++)
        {
            var center = (i + 0.5) * scale;
            var min = Math.Max(0, (int)(center - support + 0.5));
            var max = Math.Min(inSize, (int)(center + support + 0.5)) - min;
            var total = 0.0;
            for (var k = 0; k < max; k++)
            {
                row[k] = Kernel((k + min - center + 0.5) / filterScale);
                total += row[k];
            }

            for (var k = 0; k < max; k++)
            {
                // Normalised, then to fixed point with rounding away from zero, as Pillow does.
                var w = total == 0 ? 0 : row[k] / total;
                weights[(i * taps) + k] = (int)(w < 0 ? -0.5 + (w * (1 << PrecisionBits)) : 0.5 + (w * (1 << PrecisionBits)));
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

    /// <summary>One RGBA pixel (4 bytes, little-endian) as four 32-bit lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<int> Widen(uint rgba) =>
        Vector128.WidenLower(Vector128.WidenLower(Vector128.CreateScalarUnsafe(rgba).AsByte())).AsInt32();

    private static void Write(ref byte output, int r, int g, int b)
    {
        output = Clip(r);
        Unsafe.Add(ref output, 1) = Clip(g);
        Unsafe.Add(ref output, 2) = Clip(b);
        Unsafe.Add(ref output, 3) = 255;
    }

    private static byte Clip(int value)
    {
        var v = value >> PrecisionBits;
        return v < 0 ? (byte)0 : v > 255 ? (byte)255 : (byte)v;
    }
}
