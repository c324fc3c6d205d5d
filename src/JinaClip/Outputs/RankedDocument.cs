namespace JinaClip;

/// <summary>One document of a rerank result: its position in your list, its relevance, and what you asked to get back.</summary>
public sealed class RankedDocument
{
    internal RankedDocument(int index, double relevanceScore, string? document, float[]? embedding)
    {
        Index = index;
        RelevanceScore = relevanceScore;
        Document = document;
        Embedding = embedding ?? ReadOnlyMemory<float>.Empty;
    }

    /// <summary>Gets the document's position in the list you passed (0-based), whatever requests the list was split into.</summary>
    public int Index { get; }

    /// <summary>Gets the relevance score; higher is more relevant. Scores of one model are comparable across requests.</summary>
    public double RelevanceScore { get; }

    /// <summary>
    /// Gets the document as the server returned it: a text (unless <see cref="RerankOptions.ReturnDocuments"/> is
    /// <see langword="false"/>), or an image's URL or base64 only when <see cref="RerankOptions.ReturnDocuments"/> is
    /// <see langword="true"/>; otherwise <see langword="null"/>. An image result refers to your document by
    /// <see cref="Index"/>, so printing results never dumps an image's bytes.
    /// </summary>
    public string? Document { get; }

    /// <summary>Gets the document's embedding (with <see cref="RerankOptions.ReturnEmbeddings"/>), or an empty vector.</summary>
    public ReadOnlyMemory<float> Embedding { get; }

    /// <summary>Returns this result without the document the server echoed (an image's bytes).</summary>
    internal RankedDocument WithoutDocument() => new(Index, RelevanceScore, null, Embedding.Length == 0 ? null : Embedding.ToArray());

    /// <summary>Returns this result with its index moved by <paramref name="offset"/> (a split call's later request).</summary>
    internal RankedDocument ShiftedBy(int offset) =>
        new(Index + offset, RelevanceScore, Document, Embedding.Length == 0 ? null : Embedding.ToArray());

    /// <summary>Describes the result without the document's content.</summary>
    /// <returns>The index and the score.</returns>
    public override string ToString() =>
        FormattableString.Invariant($"RankedDocument {{ Index = {Index}, RelevanceScore = {RelevanceScore:0.######} }}");
}
