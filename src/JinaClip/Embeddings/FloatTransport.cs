namespace JinaClip;

/// <summary>How float vectors travel when a call does not set <see cref="EmbeddingOptions.EmbeddingType"/>.</summary>
public enum FloatTransport
{
    /// <summary>Ask for <c>"base64"</c> and decode little-endian float32 straight into the result: about a quarter of the bytes of JSON numbers.</summary>
    Base64,

    /// <summary>Ask for <c>"float"</c> (JSON number arrays), for servers or proxies that do not speak base64.</summary>
    Float,
}
