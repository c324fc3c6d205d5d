namespace JinaClip;

/// <summary>One embedding: a float vector, or packed sign bits for <see cref="EmbeddingType.Binary"/> and <see cref="EmbeddingType.UBinary"/>.</summary>
public sealed class JinaEmbedding
{
    private readonly ReadOnlyMemory<float> _vector;
    private readonly ReadOnlyMemory<byte> _packedBits;

    /// <summary>Creates a float embedding.</summary>
    /// <param name="index">The position of its input in the call.</param>
    /// <param name="vector">The vector.</param>
    public JinaEmbedding(int index, ReadOnlyMemory<float> vector)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        Index = index;
        _vector = vector;
        Type = EmbeddingType.Float;
    }

    /// <summary>Creates a binary embedding.</summary>
    /// <param name="index">The position of its input in the call.</param>
    /// <param name="packedBits">Sign bits packed most-significant bit first, eight dimensions a byte.</param>
    /// <param name="type"><see cref="EmbeddingType.Binary"/> or <see cref="EmbeddingType.UBinary"/>: the type that was asked for.</param>
    /// <exception cref="ArgumentException"><paramref name="type"/> is not a binary type.</exception>
    public JinaEmbedding(int index, ReadOnlyMemory<byte> packedBits, EmbeddingType type)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        if (type is not (EmbeddingType.Binary or EmbeddingType.UBinary))
        {
            throw new ArgumentException("A packed-bit embedding must be of type Binary or UBinary.", nameof(type));
        }

        Index = index;
        _packedBits = packedBits;
        Type = type;
    }

    /// <summary>Gets the position of this embedding's input in the call.</summary>
    public int Index { get; }

    /// <summary>Gets <see cref="EmbeddingType.Float"/> for float vectors (however they travelled), else the binary type asked for.</summary>
    public EmbeddingType Type { get; }

    /// <summary>Gets whether this embedding holds packed bits rather than floats.</summary>
    public bool IsBinary => Type != EmbeddingType.Float;

    /// <summary>Gets the number of dimensions: floats, or bits for a binary embedding.</summary>
    public int Dimensions => IsBinary ? _packedBits.Length * 8 : _vector.Length;

    /// <summary>Gets the float vector.</summary>
    /// <exception cref="InvalidOperationException">This is a binary embedding; use <see cref="PackedBits"/>.</exception>
    public ReadOnlyMemory<float> Vector => IsBinary
        ? throw new InvalidOperationException($"This embedding is {Type}; read PackedBits or UnpackBits() instead of Vector.")
        : _vector;

    /// <summary>
    /// Gets the sign bits, most significant bit first, eight dimensions a byte (dimensions / 8 bytes). The API's
    /// signed <c>binary</c> values are stored shifted by +128, so both binary types give the same bytes.
    /// </summary>
    /// <exception cref="InvalidOperationException">This is a float embedding; use <see cref="Vector"/>.</exception>
    public ReadOnlyMemory<byte> PackedBits => IsBinary
        ? _packedBits
        : throw new InvalidOperationException("This embedding holds floats; read Vector instead of PackedBits.");

    /// <summary>Unpacks the sign bits of a binary embedding into one <see cref="bool"/> per dimension.</summary>
    /// <returns><see langword="true"/> where the dimension's value was positive.</returns>
    /// <exception cref="InvalidOperationException">This is a float embedding.</exception>
    public bool[] UnpackBits()
    {
        var bits = new bool[Dimensions];
        BinaryEmbeddings.Unpack(PackedBits.Span, bits);
        return bits;
    }

    /// <summary>The same embedding at another index (sharing its memory), for merging batches.</summary>
    internal JinaEmbedding WithIndex(int index) =>
        IsBinary ? new JinaEmbedding(index, _packedBits, Type) : new JinaEmbedding(index, _vector);

    /// <summary>Describes the embedding without its values.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => $"JinaEmbedding {{ Index = {Index}, Type = {Type}, Dimensions = {Dimensions} }}";
}
