using System.Numerics.Tensors;
using JinaClip.Similarity;

namespace JinaClip;

/// <summary>
/// Float vectors of one length stored row after row in one contiguous buffer, with each row's length (L2 norm) kept
/// so cosine ranking costs one dot product a row. The buffer grows by doubling as rows are added.
/// </summary>
/// <remarks>
/// By default the matrix also keeps an int8 copy of each row (one byte a value, a quarter of the floats' size), which
/// <see cref="VectorSearch.TopK(ReadOnlySpan{float}, VectorMatrix, int, SimilarityMetric)"/> uses for cosine and
/// dot-product searches. Each row is scored from its bytes first, with a proven bound on the error, and only a row
/// that could still make the top k is scored from its floats. Results are exactly those of the float-only scan,
/// including scores and the order of ties. Pass <c>int8Prefilter: false</c> to save the memory.
/// </remarks>
public sealed class VectorMatrix
{
    private float[] _data;
    private float[] _norms;
    private readonly Int8Rows? _int8;

    /// <summary>Creates an empty matrix.</summary>
    /// <param name="dimensions">The length of every row.</param>
    /// <param name="capacity">How many rows to make room for up front.</param>
    /// <param name="int8Prefilter">Whether to keep the int8 copy that speeds up top-k searches (1 extra byte per value).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimensions"/> is below 1 or <paramref name="capacity"/> below 0.</exception>
    public VectorMatrix(int dimensions, int capacity = 0, bool int8Prefilter = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        Dimensions = dimensions;
        _data = capacity == 0 ? [] : new float[checked(capacity * dimensions)];
        _norms = new float[capacity];
        _int8 = int8Prefilter ? new Int8Rows(dimensions, capacity) : null;
    }

    /// <summary>Whether the matrix keeps the int8 copy of its rows (true unless created with <c>int8Prefilter: false</c>).</summary>
    internal bool HasInt8Prefilter => _int8 is not null;

    /// <summary>Gets the length of every row.</summary>
    public int Dimensions { get; }

    /// <summary>Gets the number of rows.</summary>
    public int Count { get; private set; }

    /// <summary>Gets all rows as one span of <see cref="Count"/> × <see cref="Dimensions"/> values.</summary>
    public ReadOnlySpan<float> Span => _data.AsSpan(0, Count * Dimensions);

    internal ReadOnlyMemory<float> Memory => _data.AsMemory(0, Count * Dimensions);

    /// <summary>Each row's L2 norm (the first <see cref="Count"/> entries are valid).</summary>
    internal float[] NormsBuffer => _norms;

    /// <summary>The int8 copy of the rows, when kept.</summary>
    internal Int8Rows? Int8 => _int8;

    /// <summary>Gets one row.</summary>
    /// <param name="row">The row, from 0 to <see cref="Count"/> − 1.</param>
    /// <returns>The row's values.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="row"/> is out of range.</exception>
    public ReadOnlySpan<float> GetRow(int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Count);
        return _data.AsSpan(row * Dimensions, Dimensions);
    }

    /// <summary>Appends a row.</summary>
    /// <param name="vector">The values, exactly <see cref="Dimensions"/> of them.</param>
    /// <returns>The new row's number.</returns>
    /// <exception cref="ArgumentException">The vector's length is not <see cref="Dimensions"/>.</exception>
    public int Add(ReadOnlySpan<float> vector)
    {
        if (vector.Length != Dimensions)
        {
            throw new ArgumentException($"The vector has {vector.Length} values; this matrix holds {Dimensions}.", nameof(vector));
        }

        EnsureCapacity(Count + 1);
        vector.CopyTo(_data.AsSpan(Count * Dimensions));
        _norms[Count] = TensorPrimitives.Norm(vector);
        _int8?.Set(Count, vector);
        return Count++;
    }

    /// <summary>Appends a float embedding as a row.</summary>
    /// <param name="embedding">The embedding.</param>
    /// <returns>The new row's number.</returns>
    /// <exception cref="ArgumentException">The embedding's length is not <see cref="Dimensions"/>.</exception>
    /// <exception cref="InvalidOperationException">The embedding is binary.</exception>
    public int Add(JinaEmbedding embedding)
    {
        ArgumentNullException.ThrowIfNull(embedding);
        return Add(embedding.GetVector().Span);
    }

    /// <summary>Removes a row by moving the last row into its place (O(<see cref="Dimensions"/>), not O(<see cref="Count"/>)).</summary>
    /// <param name="row">The row to remove.</param>
    /// <returns>The number the moved row had (now <paramref name="row"/>), or -1 when the last row was removed.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="row"/> is out of range.</exception>
    public int RemoveAtSwapLast(int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Count);
        var last = Count - 1;
        Count--;
        if (row == last)
        {
            return -1;
        }

        _data.AsSpan(last * Dimensions, Dimensions).CopyTo(_data.AsSpan(row * Dimensions, Dimensions));
        _norms[row] = _norms[last];
        _int8?.Move(last, row);
        return last;
    }

    /// <summary>Removes every row, keeping the buffer.</summary>
    public void Clear() => Count = 0;

    private void EnsureCapacity(int rows)
    {
        if (rows <= _norms.Length)
        {
            return;
        }

        var capacity = Math.Max(rows, Math.Max(16, _norms.Length * 2));
        Array.Resize(ref _data, checked(capacity * Dimensions));
        Array.Resize(ref _norms, capacity);
        _int8?.Resize(capacity);
    }
}
