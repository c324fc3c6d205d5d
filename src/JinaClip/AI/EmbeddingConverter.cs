using Microsoft.Extensions.AI;

namespace JinaClip.AI;

/// <summary>One output shape of a generator: whether it needs packed bits, and how one embedding is built.</summary>
internal sealed class EmbeddingConverter<TEmbedding>
    where TEmbedding : Embedding
{
    private readonly Func<JinaEmbedding, string?, DateTimeOffset, TEmbedding> _convert;

    public EmbeddingConverter(bool binary, Func<JinaEmbedding, string?, DateTimeOffset, TEmbedding> convert)
    {
        Binary = binary;
        _convert = convert;
    }

    public bool Binary { get; }

    public TEmbedding Convert(JinaEmbedding embedding, string? model, DateTimeOffset created) => _convert(embedding, model, created);
}
