namespace JinaClip;

/// <summary>
/// One embedding: a float vector, or packed sign bits for <see cref="EmbeddingType.Binary"/> and
/// <see cref="EmbeddingType.UBinary"/>. Built by the SDK; see <see cref="JinaClipModelFactory"/> for tests.
/// </summary>
public sealed class JinaEmbedding
{
    private readonly ReadOnlyMemory<float> _vector;
    private readonly ReadOnlyMemory<byte> _packedBits;

    internal JinaEmbedding(int index, ReadOnlyMemory<float> vector)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        Index = index;
        _vector = vector;
        Type = EmbeddingType.Float;
    }

    internal JinaEmbedding(int index, ReadOnlyMemory<byte> packedBits, EmbeddingType type)
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
    /// <returns>The vector.</returns>
    /// <exception cref="InvalidOperationException">This is a binary embedding; use <see cref="GetPackedBits"/>.</exception>
    public ReadOnlyMemory<float> GetVector() => IsBinary
        ? throw new InvalidOperationException($"This embedding is {Type}; call GetPackedBits() or UnpackBits() instead of GetVector().")
        : _vector;

    /// <summary>Gets the float vector when this is a float embedding.</summary>
    /// <param name="vector">The vector, or empty for a binary embedding.</param>
    /// <returns>Whether this embedding holds floats.</returns>
    public bool TryGetVector(out ReadOnlyMemory<float> vector)
    {
        vector = IsBinary ? default : _vector;
        return !IsBinary;
    }

    /// <summary>
    /// Gets the sign bits, most significant bit first, eight dimensions a byte (dimensions / 8 bytes). The API's
    /// signed <c>binary</c> values are stored shifted by +128, so both binary types give the same bytes.
    /// </summary>
    /// <returns>The packed bits.</returns>
    /// <exception cref="InvalidOperationException">This is a float embedding; use <see cref="GetVector"/>.</exception>
    public ReadOnlyMemory<byte> GetPackedBits() => IsBinary
        ? _packedBits
        : throw new InvalidOperationException("This embedding holds floats; call GetVector() instead of GetPackedBits().");

    /// <summary>Gets the packed sign bits when this is a binary embedding (see <see cref="GetPackedBits"/>).</summary>
    /// <param name="packedBits">The bits, or empty for a float embedding.</param>
    /// <returns>Whether this embedding holds packed bits.</returns>
    public bool TryGetPackedBits(out ReadOnlyMemory<byte> packedBits)
    {
        packedBits = IsBinary ? _packedBits : default;
        return IsBinary;
    }

    /// <summary>Unpacks the sign bits of a binary embedding into one <see cref="bool"/> per dimension.</summary>
    /// <returns><see langword="true"/> where the dimension's value was positive.</returns>
    /// <exception cref="InvalidOperationException">This is a float embedding.</exception>
    public bool[] UnpackBits()
    {
        var bits = new bool[Dimensions];
        BinaryEmbeddings.Unpack(GetPackedBits().Span, bits);
        return bits;
    }

    /// <summary>The same embedding at another index (sharing its memory), for merging batches.</summary>
    internal JinaEmbedding WithIndex(int index) =>
        IsBinary ? new JinaEmbedding(index, _packedBits, Type) : new JinaEmbedding(index, _vector);

    /// <summary>Describes the embedding without its values.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => $"JinaEmbedding {{ Index = {Index}, Type = {Type}, Dimensions = {Dimensions} }}";
}
