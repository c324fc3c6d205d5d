using System.Numerics.Tensors;

namespace JinaClip;

/// <summary>
/// Float vectors of one length stored row after row in one contiguous buffer, with each row's length (L2 norm) kept
/// so cosine ranking costs one dot product a row. The buffer grows by doubling as rows are added.
/// </summary>
public sealed class VectorMatrix
{
    private float[] _data;
    private float[] _norms;

    /// <summary>Creates an empty matrix.</summary>
    /// <param name="dimensions">The length of every row.</param>
    /// <param name="capacity">How many rows to make room for up front.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimensions"/> is below 1 or <paramref name="capacity"/> below 0.</exception>
    public VectorMatrix(int dimensions, int capacity = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        Dimensions = dimensions;
        _data = capacity == 0 ? [] : new float[checked(capacity * dimensions)];
        _norms = new float[capacity];
    }

    /// <summary>Gets the length of every row.</summary>
    public int Dimensions { get; }

    /// <summary>Gets the number of rows.</summary>
    public int Count { get; private set; }

    /// <summary>Gets all rows as one span of <see cref="Count"/> × <see cref="Dimensions"/> values.</summary>
    public ReadOnlySpan<float> Span => _data.AsSpan(0, Count * Dimensions);

    internal ReadOnlyMemory<float> Memory => _data.AsMemory(0, Count * Dimensions);

    /// <summary>Each row's L2 norm (the first <see cref="Count"/> entries are valid).</summary>
    internal float[] NormsBuffer => _norms;

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
        return Add(embedding.Vector.Span);
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
    }
}
