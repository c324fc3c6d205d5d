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
/// <remarks>
/// Streaming: source rows arrive top to bottom through <see cref="AddRow"/>; each is resampled horizontally into a ring
/// that holds only the rows the vertical pass still needs, and every output row is written as soon as its window is
/// complete. Memory is the ring and the output (<see cref="WorkingBytes"/>), never the source image, so a decoder can
/// hand over one row at a time. The result is the same, bit for bit, as resampling the whole image at once.
/// </remarks>
internal sealed class BicubicResampler
{
    private const double Support = 2.0;
    private const int PrecisionBits = 32 - 8 - 2;
    private const int Half = 1 << (PrecisionBits - 1);

    private readonly int _width;
    private readonly int _height;
    private readonly int _outWidth;
    private readonly int _outHeight;
    private readonly (int Start, int Count)[] _xBounds;
    private readonly int[] _xWeights;
    private readonly int _xTaps;
    private readonly (int Start, int Count)[] _yBounds;
    private readonly int[] _yWeights;
    private readonly int _yTaps;
    private readonly int _ringRows;
    private readonly byte[] _ring;
    private readonly int[] _rowOffsets;
    private readonly byte[] _output;
    private int _rowsIn;
    private int _rowsOut;

    /// <summary>Prepares to resize a <paramref name="width"/> × <paramref name="height"/> image to <paramref name="outWidth"/> × <paramref name="outHeight"/>.</summary>
    /// <param name="width">The source width.</param>
    /// <param name="height">The source height.</param>
    /// <param name="outWidth">The output width.</param>
    /// <param name="outHeight">The output height.</param>
    /// <param name="pooledOutput">
    /// Whether the output is rented from <see cref="System.Buffers.ArrayPool{T}.Shared"/> (it may be longer than the
    /// image; the caller returns it): a 299 × 224 output is 268 KB, which would otherwise be a large-object allocation,
    /// and a collection of the oldest generation every few photos.
    /// </param>
    public BicubicResampler(int width, int height, int outWidth, int outHeight, bool pooledOutput = false)
    {
        (_width, _height, _outWidth, _outHeight) = (width, height, outWidth, outHeight);
        (_xBounds, _xWeights, _xTaps) = Coefficients(width, outWidth);
        (_yBounds, _yWeights, _yTaps) = Coefficients(height, outHeight);
        _ringRows = _yBounds.Max(b => b.Count);
        _ring = new byte[_ringRows * outWidth * 4];
        _rowOffsets = new int[_ringRows];
        _output = pooledOutput ? System.Buffers.ArrayPool<byte>.Shared.Rent(outWidth * outHeight * 4) : new byte[outWidth * outHeight * 4];
    }

    /// <summary>Gets the size of the source image, whose rows <see cref="AddRow"/> takes.</summary>
    public (int Width, int Height) SourceSize => (_width, _height);

    /// <summary>Gets the bytes a resampler of these sizes holds: its ring of rows, its output and its coefficients.</summary>
    public static long WorkingBytes(int width, int height, int outWidth, int outHeight) =>
        ((long)Taps(height, outHeight) * outWidth * 4)
        + ((long)outWidth * outHeight * 4)
        + ((long)outWidth * (Taps(width, outWidth) + 2) * 4)
        + ((long)outHeight * (Taps(height, outHeight) + 2) * 4);

    /// <summary>Resizes <paramref name="source"/> (RGBA, <paramref name="width"/> × <paramref name="height"/>) to <paramref name="outWidth"/> × <paramref name="outHeight"/> RGBA.</summary>
    /// <param name="source">The source pixels.</param>
    /// <param name="width">The source width.</param>
    /// <param name="height">The source height.</param>
    /// <param name="outWidth">The output width.</param>
    /// <param name="outHeight">The output height.</param>
    /// <param name="pooledOutput">Whether the output is rented (see the constructor).</param>
    public static byte[] Resize(ReadOnlySpan<byte> source, int width, int height, int outWidth, int outHeight, bool pooledOutput = false)
    {
        var resampler = new BicubicResampler(width, height, outWidth, outHeight, pooledOutput);
        for (var y = 0; y < height; y++)
        {
            resampler.AddRow(source.Slice(y * width * 4, width * 4));
        }

        return resampler.Finish();
    }

    /// <summary>Takes the next source row (RGBA, the source width), writing every output row it completes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddRow(ReadOnlySpan<byte> row)
    {
        if (_rowsIn == _height || row.Length < _width * 4)
        {
            throw new InvalidOperationException($"The resampler takes {_height} rows of {_width * 4} bytes; it was given row {_rowsIn} of {row.Length} bytes.");
        }

        Horizontal(row, _ring.AsSpan((_rowsIn % _ringRows) * _outWidth * 4, _outWidth * 4));
        _rowsIn++;
        while (_rowsOut < _outHeight && _yBounds[_rowsOut].Start + _yBounds[_rowsOut].Count <= _rowsIn)
        {
            Vertical(_rowsOut++);
        }
    }

    /// <summary>Gets the output once every source row has been added.</summary>
    public byte[] Finish() => _rowsOut == _outHeight
        ? _output
        : throw new InvalidOperationException($"The resampler was given {_rowsIn} of the image's {_height} rows.");

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Horizontal(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        ref var row = ref MemoryMarshal.GetReference(source);
        ref var output = ref MemoryMarshal.GetReference(destination);
        ref var xw = ref MemoryMarshal.GetArrayDataReference(_xWeights);
        for (var x = 0; x < _outWidth; x++)
        {
            var (start, count) = _xBounds[x];
            ref var weights = ref Unsafe.Add(ref xw, x * _xTaps);
            ref var pixel = ref Unsafe.Add(ref row, start * 4);
            var sum = Vector128.Create(Half);
            for (var k = 0; k < count; k++)
            {
                sum += Widen(Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref pixel, k * 4))) * Unsafe.Add(ref weights, k);
            }

            Write(ref Unsafe.Add(ref output, x * 4), sum.GetElement(0), sum.GetElement(1), sum.GetElement(2));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Vertical(int y)
    {
        var (start, count) = _yBounds[y];
        var stride = _outWidth * 4;
        for (var k = 0; k < count; k++)
        {
            _rowOffsets[k] = ((start + k) % _ringRows) * stride;
        }

        ref var ring = ref MemoryMarshal.GetArrayDataReference(_ring);
        ref var offsets = ref MemoryMarshal.GetArrayDataReference(_rowOffsets);
        ref var weights = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_yWeights), y * _yTaps);
        ref var output = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_output), y * stride);
        for (var x = 0; x < _outWidth; x++)
        {
            ref var column = ref Unsafe.Add(ref ring, x * 4);
            var sum = Vector128.Create(Half);
            for (var k = 0; k < count; k++)
            {
                sum += Widen(Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref column, Unsafe.Add(ref offsets, k)))) * Unsafe.Add(ref weights, k);
            }

            Write(ref Unsafe.Add(ref output, x * 4), sum.GetElement(0), sum.GetElement(1), sum.GetElement(2));
        }
    }

    private static int Taps(int inSize, int outSize) => ((int)Math.Ceiling(Support * Math.Max(inSize / (double)outSize, 1.0)) * 2) + 1;

    /// <summary>For each output position: the first input and the number of inputs it reads, and their fixed-point weights.</summary>
    private static ((int Start, int Count)[] Bounds, int[] Weights, int Taps) Coefficients(int inSize, int outSize)
    {
        var scale = inSize / (double)outSize;
        var filterScale = Math.Max(scale, 1.0);
        var support = Support * filterScale;
        var taps = Taps(inSize, outSize);
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
