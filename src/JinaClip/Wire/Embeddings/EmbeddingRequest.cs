using System.Buffers;
using System.Net;
using System.Text.Json;

namespace JinaClip.Wire;

/// <summary>A checked request: what goes on the wire and what the response must look like.</summary>
internal sealed class EmbeddingRequest : ApiCall
{
    public override string Operation => "embeddings";

    public override string Path => "v1/embeddings";

    public override int Items => Inputs.Length;

    public override long ResponseCap => ResponseLimit.For(this);

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

    public override string DescribeCap() => ResponseLimit.Describe(this);

    public override string DescribeItems() => RequestJson.DescribeInputs(Inputs);

    public override int EstimateBodySize() => EmbeddingRequestWriter.EstimateSize(this);

    public override void WriteBody(IBufferWriter<byte> output) => EmbeddingRequestWriter.Write(this, output);

    public override ApiResult Read(ReadOnlySpan<byte> body, HttpStatusCode status, string apiKey)
    {
        var result = EmbeddingResponseReader.Read(body, this, status, apiKey);
        return new ApiResult(result, result.Model, result.Count, result.Usage.PromptTokens ?? result.Usage.TotalTokens, result.Usage.TotalTokens);
    }
}
