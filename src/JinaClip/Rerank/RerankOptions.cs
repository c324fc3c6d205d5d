using System.Text.Json;

namespace JinaClip;

/// <summary>
/// Options for one <see cref="JinaRerankClient.RerankAsync(string, IEnumerable{EmbeddingInput}, RerankOptions?, CancellationToken)"/>
/// call. Only the fields you set are sent; a field the model does not take is an <see cref="ArgumentException"/> before
/// sending (unless <see cref="JinaClientOptions.ValidateRequests"/> is off).
/// </summary>
public sealed class RerankOptions
{
    /// <summary>The default of <see cref="MaxDocumentsPerRequest"/>.</summary>
    internal const int DefaultMaxDocumentsPerRequest = 1000;

    /// <summary>Gets or sets the reranker.</summary>
    /// <value>The default is <see langword="null"/>: the client's <see cref="JinaRerankClient.DefaultModel"/>.</value>
    public string? Model { get; set; }

    /// <summary>Gets or sets how many of the best documents to return (<c>top_n</c>).</summary>
    /// <value>The default is <see langword="null"/>: every document, ranked.</value>
    public int? TopN { get; set; }

    /// <summary>Gets or sets whether each result carries its document as the server returns it (<c>return_documents</c>).</summary>
    /// <value>
    /// The default is <see langword="null"/>: not sent, so the server's default (<see langword="true"/>) applies, and a
    /// text document comes back in <see cref="RankedDocument.Document"/>; an image document's echo (its whole base64) is
    /// dropped, and the result refers to it by <see cref="RankedDocument.Index"/>. <see langword="true"/> keeps image
    /// echoes too; <see langword="false"/> asks the server for no documents at all.
    /// </value>
    public bool? ReturnDocuments { get; set; }

    /// <summary>Gets or sets whether documents past the model's token limit are cut instead of refused (<c>truncation</c>; note: not <c>truncate</c>).</summary>
    /// <value>The default is <see langword="null"/>: not sent.</value>
    public bool? Truncation { get; set; }

    /// <summary>Gets or sets the most tokens per document (<c>max_doc_length</c>, 1–8192; jina-reranker-v3 only).</summary>
    /// <value>The default is <see langword="null"/>: not sent (the server uses 2048).</value>
    public int? MaxDocumentLength { get; set; }

    /// <summary>Gets or sets whether each result carries the document's embedding (<c>return_embeddings</c>; jina-reranker-v3 only).</summary>
    /// <value>The default is <see langword="null"/>: not sent.</value>
    public bool? ReturnEmbeddings { get; set; }

    /// <summary>
    /// Gets or sets the most documents one request holds. A longer list is split into several requests, sent
    /// concurrently and merged by score, for rerankers that score each document on its own; for a listwise reranker
    /// (jina-reranker-v3) or a model the SDK does not know, a longer list is an <see cref="ArgumentException"/>,
    /// since splitting would change the ranking.
    /// </summary>
    /// <value>The default is 1,000 (the API states no limit; this keeps each request well within its size limits).</value>
    public int MaxDocumentsPerRequest { get; set; } = DefaultMaxDocumentsPerRequest;

    /// <summary>
    /// Gets or sets raw JSON fields written verbatim after the SDK's own, for fields this SDK does not know yet. A field
    /// the SDK writes itself (<c>model</c>, <c>query</c>, <c>documents</c>, <c>top_n</c>, <c>return_documents</c>,
    /// <c>truncation</c>, <c>max_doc_length</c>, <c>return_embeddings</c>) is an <see cref="ArgumentException"/>.
    /// </summary>
    /// <value>The default is <see langword="null"/> (no extra fields).</value>
    public IDictionary<string, JsonElement>? AdditionalRequestFields { get; set; }

    /// <summary>Creates a copy of these options (<see cref="AdditionalRequestFields"/> is copied too, its values shared).</summary>
    /// <returns>A new instance with the same values.</returns>
    public RerankOptions Clone()
    {
        var copy = (RerankOptions)MemberwiseClone();
        if (AdditionalRequestFields is { } fields)
        {
            copy.AdditionalRequestFields = new Dictionary<string, JsonElement>(fields, StringComparer.Ordinal);
        }

        return copy;
    }
}
