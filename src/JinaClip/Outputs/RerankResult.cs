using System.Collections;

namespace JinaClip;

/// <summary>The ranked documents of one rerank call, best first, with the model and the tokens used.</summary>
public sealed class RerankResult : IReadOnlyList<RankedDocument>
{
    private readonly RankedDocument[] _documents;

    internal RerankResult(RankedDocument[] documents, string model, long? totalTokens)
    {
        _documents = documents;
        Model = model;
        TotalTokens = totalTokens;
    }

    /// <summary>Gets the model that answered (as the server names it).</summary>
    public string Model { get; }

    /// <summary>Gets the tokens used, summed over the call's requests; <see langword="null"/> when the server reported none.</summary>
    public long? TotalTokens { get; }

    /// <summary>Gets the tokens used as an <see cref="EmbeddingUsage"/>, as embeddings results carry it (<c>result.Usage.TotalTokens</c> on both).</summary>
    public EmbeddingUsage Usage => new(TotalTokens);

    /// <inheritdoc/>
    public int Count => _documents.Length;

    /// <inheritdoc/>
    public RankedDocument this[int index] => _documents[index];

    /// <inheritdoc/>
    public IEnumerator<RankedDocument> GetEnumerator() => ((IEnumerable<RankedDocument>)_documents).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Describes the result without the documents' content.</summary>
    /// <returns>The count, the model and the tokens.</returns>
    public override string ToString() => $"RerankResult {{ Count = {Count}, Model = {Model}, TotalTokens = {TotalTokens?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null"} }}";
}
