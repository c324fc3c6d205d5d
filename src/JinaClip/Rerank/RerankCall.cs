using System.Buffers;
using System.Net;
using System.Text.Json;
using JinaClip.Wire;

namespace JinaClip.Rerank;

/// <summary>One <c>POST /v1/rerank</c> request: a query and up to one request's worth of documents, already prepared.</summary>
internal sealed class RerankCall : ApiCall
{
    /// <summary>Room per result for its index, score and field names.</summary>
    private const int BytesPerResult = 1024;

    /// <summary>Room for <c>model</c>, <c>usage</c>, and fields the API may add.</summary>
    private const int Margin = 1024 * 1024;

    public override string Operation => "rerank";

    public override string ResultNoun => "rerank results";

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

    public override string DescribeItems() =>
        $"query: {Query} | " + string.Join(" | ", Documents.Select(d => d.Kind switch
        {
            EmbeddingInputKind.Text => d.Value,
            EmbeddingInputKind.ImageUrl => $"image {d.Value}",
            _ => $"image ({d.Kind}, {d.ImageData.Length} bytes)",
        }));

    public override int EstimateBodySize()
    {
        long size = 256 + ((Model.Length + Query.Length) * 6L);
        foreach (var field in AdditionalFields)
        {
            size += 8 + ((field.Key.Length + field.Value.GetRawText().Length) * 6L);
        }

        foreach (var document in Documents)
        {
            size += 16 + (document.IsImageData ? ((document.ImageData.Length + 2) / 3 * 4) : ((document.Value?.Length ?? 0) * 6L));
        }

        return (int)Math.Min(size, Array.MaxLength);
    }

    public override void WriteBody(IBufferWriter<byte> output)
    {
        using var writer = new Utf8JsonWriter(output, EmbeddingRequestWriter.WriterOptions);
        writer.WriteStartObject();
        writer.WriteString("model", Model);
        writer.WriteString("query", Query);
        writer.WriteStartArray("documents");
        foreach (var document in Documents)
        {
            if (document.Kind == EmbeddingInputKind.Text)
            {
                writer.WriteStringValue(document.Value);
                continue;
            }

            writer.WriteStartObject();
            if (document.IsImageData)
            {
                writer.WriteBase64String("image", document.ImageData.Span);
            }
            else
            {
                writer.WriteString("image", document.Value);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (TopN is { } topN)
        {
            writer.WriteNumber("top_n", topN);
        }

        Optional(writer, "return_documents", ReturnDocuments);
        Optional(writer, "truncation", Truncation);
        if (MaxDocumentLength is { } length)
        {
            writer.WriteNumber("max_doc_length", length);
        }

        Optional(writer, "return_embeddings", ReturnEmbeddings);
        foreach (var field in AdditionalFields)
        {
            writer.WritePropertyName(field.Key);
            writer.WriteRawValue(field.Value.GetRawText(), skipInputValidation: true);
        }

        writer.WriteEndObject();
        writer.Flush();
    }

    public override ApiResult Read(ReadOnlySpan<byte> body, HttpStatusCode status, string apiKey)
    {
        var part = RerankResponseReader.Read(body, this, status, apiKey);
        return new ApiResult(part, part.Model, part.Documents.Length, part.TotalTokens, part.TotalTokens);
    }

    private static void Optional(Utf8JsonWriter writer, string name, bool? value)
    {
        if (value is { } v)
        {
            writer.WriteBoolean(name, v);
        }
    }
}
