using System.Buffers;
using System.Net;
using System.Text.Json;

namespace JinaClip.Wire;

/// <summary>One <c>POST /v1/rerank</c> request: a query and up to one request's worth of documents, already prepared.</summary>
internal sealed class RerankCall : ApiCall
{
    /// <summary>Room per result for its index, score and field names.</summary>
    private const int BytesPerResult = 1024;

    /// <summary>Room for <c>model</c>, <c>usage</c>, and fields the API may add.</summary>
    private const int Margin = 1024 * 1024;

    public override string Operation => "rerank";

    public override string ResultNoun => "rerank results";

    /// <summary>The fields the SDK writes itself; a raw field of the same name is refused.</summary>
    public static readonly string[] WrittenFields =
        ["model", "query", "documents", "top_n", "return_documents", "truncation", "max_doc_length", "return_embeddings"];

    public override string Path => "v1/rerank";

    public required string Query { get; init; }

    public required PreparedInput[] Documents { get; init; }

    public int? TopN { get; init; }

    public bool? ReturnDocuments { get; init; }

    public bool? Truncation { get; init; }

    public int? MaxDocumentLength { get; init; }

    public bool? ReturnEmbeddings { get; init; }

    /// <summary>Gets the caller's raw fields, written verbatim after the SDK's own.</summary>
    public KeyValuePair<string, JsonElement>[] AdditionalFields { get; init; } = [];

    public override int Items => Documents.Length;

    /// <summary>Gets how many results the answer must hold: <c>top_n</c> of the documents, or all of them.</summary>
    public int ExpectedResults => TopN is { } n ? Math.Min(n, Documents.Length) : Documents.Length;

    /// <summary>
    /// Gets the cap: returned documents echo what was sent (at most 6 bytes of JSON per byte sent, for escaped text), each
    /// result adds its fields, and an embedding at most <see cref="ResponseLimit.UnknownDimensions"/> floats.
    /// </summary>
    public override long ResponseCap
    {
        get
        {
            var perResult = BytesPerResult + (ReturnEmbeddings == true ? ResponseLimit.UnknownDimensions * 32L : 0);
            var limit = (EstimateBodySize() * 6L) + (perResult * Documents.Length) + Margin;
            return Math.Min(limit, Array.MaxLength - 1);
        }
    }

    public override string DescribeCap() =>
        $"{ExpectedResults} ranked document(s){(ReturnEmbeddings == true ? " with embeddings" : string.Empty)} of a request of {Documents.Length} document(s)";

    public override string DescribeItems() => $"query: {Query} | " + RequestJson.DescribeInputs(Documents);

    public override int EstimateBodySize()
    {
        var size = 256 + ((Model.Length + Query.Length) * 6L) + RequestJson.EstimateSize(Documents, AdditionalFields, bytesPerChar: 6);
        return (int)Math.Min(size, Array.MaxLength);
    }

    public override void WriteBody(IBufferWriter<byte> output)
    {
        using var writer = new Utf8JsonWriter(output, RequestJson.WriterOptions);
        writer.WriteStartObject();
        writer.WriteString("model", Model);
        writer.WriteString("query", Query);
        RequestJson.WriteInputs(writer, "documents", Documents, textAsPlainString: true);
        RequestJson.WriteOptional(writer, "top_n", TopN);
        RequestJson.WriteOptional(writer, "return_documents", ReturnDocuments);
        RequestJson.WriteOptional(writer, "truncation", Truncation);
        RequestJson.WriteOptional(writer, "max_doc_length", MaxDocumentLength);
        RequestJson.WriteOptional(writer, "return_embeddings", ReturnEmbeddings);
        RequestJson.WriteRawFields(writer, AdditionalFields);
        writer.WriteEndObject();
        writer.Flush();
    }

    public override ApiResult Read(ReadOnlySpan<byte> body, HttpStatusCode status, string apiKey)
    {
        var part = RerankResponseReader.Read(body, this, status, apiKey);
        return new ApiResult(part, part.Model, part.Documents.Length, part.TotalTokens, part.TotalTokens);
    }
}
