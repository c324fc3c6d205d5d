using System.Numerics.Tensors;

namespace JinaClip.Similarity;

/// <summary>
/// An int8 copy of a <see cref="VectorMatrix"/>'s rows for the search prefilter: each row scaled by its largest
/// magnitude to −127…127, with the scale and the exact L2 norm of what the rounding lost, so that a score computed from
/// the codes comes with a proven error bound (see <see cref="Int8Scan"/>).
/// </summary>
internal sealed class Int8Rows
{
    private readonly int _dimensions;
    private sbyte[] _codes = [];
    private float[] _scales = [];
    private float[] _errorNorms = [];
    private int[] _sums = [];

    public Int8Rows(int dimensions, int capacity)
    {
        _dimensions = dimensions;
        Resize(capacity);
    }

    /// <summary>The row's codes.</summary>
    public ReadOnlySpan<sbyte> Codes(int row) => _codes.AsSpan(row * _dimensions, _dimensions);

    /// <summary>The row's scale: value ≈ scale × code. NaN when the row holds a NaN or an infinity and has no codes.</summary>
    public float Scale(int row) => _scales[row];

    /// <summary>‖row − scale × codes‖, rounded up.</summary>
    public float ErrorNorm(int row) => _errorNorms[row];

    /// <summary>The sum of the row's codes.</summary>
    public int Sum(int row) => _sums[row];

    public void Resize(int capacity)
    {
        Array.Resize(ref _codes, checked(capacity * _dimensions));
        Array.Resize(ref _scales, capacity);
        Array.Resize(ref _errorNorms, capacity);
        Array.Resize(ref _sums, capacity);
    }

    public void Set(int row, ReadOnlySpan<float> vector)
    {
        var codes = _codes.AsSpan(row * _dimensions, _dimensions);
        _scales[row] = Quantize(vector, codes, out _errorNorms[row]);
        var sum = 0;
        foreach (var code in codes)
        {
            sum += code;
        }

        _sums[row] = sum;
    }

    public void Move(int from, int to)
    {
        Codes(from).CopyTo(_codes.AsSpan(to * _dimensions, _dimensions));
        _scales[to] = _scales[from];
        _errorNorms[to] = _errorNorms[from];
        _sums[to] = _sums[from];
    }

    /// <summary>Rounds <paramref name="vector"/> to int8 codes with one scale.</summary>
    /// <returns>The scale (0 for a zero vector; NaN, with zero codes, for a vector holding NaN or infinity).</returns>
    public static float Quantize(ReadOnlySpan<float> vector, Span<sbyte> codes, out float errorNorm)
    {
        var largest = Math.Abs(TensorPrimitives.MaxMagnitude(vector));
        if (!(largest <= float.MaxValue))
        {
            codes.Clear();
            errorNorm = float.PositiveInfinity;
            return float.NaN;
        }

        if (largest == 0f)
        {
            codes.Clear();
            errorNorm = 0f;
            return 0f;
        }

        var scale = largest / 127f;
        var inverse = 127f / largest;
        double lost = 0;
        for (var i = 0; i < vector.Length; i++)
        {
            var code = Math.Max(-127f, Math.Min(127f, (float)Math.Round(vector[i] * inverse)));
            codes[i] = (sbyte)code;
            var error = vector[i] - ((double)scale * code);
            lost += error * error;
        }

        // Rounded up, so the bound built on it holds.
        errorNorm = (float)(Math.Sqrt(lost) * (1 + 1e-6)) + float.Epsilon;
        return scale;
    }
}
