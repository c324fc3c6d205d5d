namespace JinaClip.Wire;

/// <summary>An input ready to be written: text, an image URL, or image bytes to send as base64.</summary>
internal readonly record struct PreparedInput(EmbeddingInputKind Kind, string? Value, ReadOnlyMemory<byte> ImageData)
{
    /// <summary>Gets whether the input goes on the wire as <c>{"image": base64}</c>.</summary>
    public bool IsImageData => Kind is EmbeddingInputKind.ImageBytes or EmbeddingInputKind.ImageFile or EmbeddingInputKind.ImageStream;
}
