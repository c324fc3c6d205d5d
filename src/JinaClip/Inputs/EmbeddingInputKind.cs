namespace JinaClip;

/// <summary>What an <see cref="EmbeddingInput"/> holds.</summary>
public enum EmbeddingInputKind
{
    /// <summary>A text.</summary>
    Text,

    /// <summary>An image the API fetches from an absolute http(s) URL.</summary>
    ImageUrl,

    /// <summary>An image given as its encoded bytes (PNG, JPEG, ...).</summary>
    ImageBytes,

    /// <summary>An image read from a file when the call is made.</summary>
    ImageFile,

    /// <summary>An image read from a stream when the call is made.</summary>
    ImageStream,
}
