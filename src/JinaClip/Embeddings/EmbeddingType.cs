namespace JinaClip;

/// <summary>The <c>embedding_type</c> the API is asked for.</summary>
public enum EmbeddingType
{
    /// <summary>Float vectors sent as JSON number arrays (<c>"float"</c>).</summary>
    Float,

    /// <summary>Float vectors sent as base64 of little-endian float32 (<c>"base64"</c>); decoded to floats.</summary>
    Base64,

    /// <summary>Sign bits packed eight to a byte, sent as signed bytes (<c>"binary"</c>).</summary>
    Binary,

    /// <summary>Sign bits packed eight to a byte, sent as unsigned bytes (<c>"ubinary"</c>).</summary>
    UBinary,
}
