namespace JinaClip.Rerank;

/// <summary>
/// The rerankers the SDK knows, by the three request schemas of <c>POST /v1/rerank</c>: <c>TextRerankerRequest</c>
/// (v1, v2, ColBERT), <c>RerankerV3Request</c> (listwise, with <c>max_doc_length</c> and <c>return_embeddings</c>) and
/// <c>RerankerM0Request</c> (texts and images). Cross-encoders and late-interaction models score each (query, document)
/// pair on its own, so a long list may be split into requests and merged by score exactly; jina-reranker-v3 ranks the
/// list jointly, so it is never split.
/// </summary>
internal static class RerankerRules
{
    /// <summary>The <c>max_doc_length</c> range of jina-reranker-v3.</summary>
    public const int MaxDocLength = 8192;

    private static readonly Dictionary<string, RerankerRule> Table = new RerankerRule[]
    {
        new(JinaModels.RerankerV2BaseMultilingual, Listwise: false, Images: false, V3Fields: false),
        new(JinaModels.RerankerV1BaseEn, Listwise: false, Images: false, V3Fields: false),
        new(JinaModels.RerankerV1TurboEn, Listwise: false, Images: false, V3Fields: false),
        new(JinaModels.RerankerV1TinyEn, Listwise: false, Images: false, V3Fields: false),
        new(JinaModels.ColbertV1En, Listwise: false, Images: false, V3Fields: false),
        new(JinaModels.ColbertV2, Listwise: false, Images: false, V3Fields: false),
        new(JinaModels.RerankerV3, Listwise: true, Images: false, V3Fields: true),
        new(JinaModels.RerankerM0, Listwise: false, Images: true, V3Fields: false),
    }.ToDictionary(r => r.Name, StringComparer.Ordinal);

    /// <summary>Gets every known reranker.</summary>
    public static IEnumerable<RerankerRule> All => Table.Values;

    /// <summary>Gets the rule of <paramref name="model"/>, or <see langword="null"/> for a model the SDK does not know.</summary>
    public static RerankerRule? Find(string model) => Table.TryGetValue(model, out var rule) ? rule : null;
}
