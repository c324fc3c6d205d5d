using System.Collections;
using Microsoft.Extensions.AI;

namespace JinaClip.AI;

/// <summary>Turns the client's embeddings into M.E.AI's: <see cref="Embedding{T}"/> of floats, or <see cref="BinaryEmbedding"/>.</summary>
internal static class EmbeddingOutputs
{
    public static readonly EmbeddingConverter<Embedding<float>> Float = new(
        binary: false, (e, model, created) => new Embedding<float>(e.GetVector()) { ModelId = model, CreatedAt = created });

    public static readonly EmbeddingConverter<BinaryEmbedding> Binary = new(
        binary: true, (e, model, created) => new BinaryEmbedding(ToBitArray(e.GetPackedBits().Span)) { ModelId = model, CreatedAt = created });

    /// <summary>
    /// Jina packs bits most significant first (dimension 0 is bit 7 of byte 0); <see cref="BitArray"/> built from bytes
    /// reads them least significant first. Each byte is reversed so that bit <c>i</c> of the array is dimension <c>i</c>.
    /// </summary>
    public static BitArray ToBitArray(ReadOnlySpan<byte> packed)
    {
        var bytes = new byte[packed.Length];
        for (var i = 0; i < bytes.Length; i++)
        {
            var b = packed[i];
            b = (byte)(((b & 0xF0) >> 4) | ((b & 0x0F) << 4));
            b = (byte)(((b & 0xCC) >> 2) | ((b & 0x33) << 2));
            bytes[i] = (byte)(((b & 0xAA) >> 1) | ((b & 0x55) << 1));
        }

        return new BitArray(bytes);
    }
}
