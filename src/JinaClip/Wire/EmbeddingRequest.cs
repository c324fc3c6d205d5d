using System.Text.Json;

namespace JinaClip.Wire;

/// <summary>A checked request: what goes on the wire and what the response must look like.</summary>
internal sealed class EmbeddingRequest
{
    public required string Model { get; init; }

    public required PreparedInput[] Inputs { get; init; }

    /// <summary>Gets the <c>embedding_type</c> value written on the wire.</summary>
    public required EmbeddingType WireType { get; init; }

    public string? Task { get; init; }

    public int? Dimensions { get; init; }

    public bool? Normalized { get; init; }

    public bool? LateChunking { get; init; }

    public bool? Truncate { get; init; }

    /// <summary>Gets the caller's raw fields, written verbatim after the SDK's own.</summary>
    public KeyValuePair<string, JsonElement>[] AdditionalFields { get; init; } = [];

    /// <summary>Gets whether text goes as a plain string (text-only models) rather than <c>{"text": ...}</c>.</summary>
    public bool TextAsPlainString { get; init; }

    /// <summary>Gets the vector length every result must have, when it is known.</summary>
    public int? ExpectedDimensions { get; init; }

    public bool IsBinary => WireType is EmbeddingType.Binary or EmbeddingType.UBinary;
}
