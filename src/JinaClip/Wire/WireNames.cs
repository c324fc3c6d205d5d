namespace JinaClip.Wire;

/// <summary>Names and values of the embeddings endpoint's JSON.</summary>
internal static class WireNames
{
    public static string Of(EmbeddingType type) => type switch
    {
        EmbeddingType.Float => "float",
        EmbeddingType.Base64 => "base64",
        EmbeddingType.Binary => "binary",
        EmbeddingType.UBinary => "ubinary",
    };

    public static EmbeddingType? ParseType(string? value) => value switch
    {
        "float" => EmbeddingType.Float,
        "base64" => EmbeddingType.Base64,
        "binary" => EmbeddingType.Binary,
        "ubinary" => EmbeddingType.UBinary,
        _ => null,
    };
}
