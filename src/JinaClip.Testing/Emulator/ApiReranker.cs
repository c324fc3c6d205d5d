namespace JinaClip.Testing.Emulator;

/// <summary>What the emulated <c>POST /v1/rerank</c> accepts for one model, from the request schema its name selects.</summary>
/// <param name="Name">The model name.</param>
/// <param name="Images">Whether documents may be <c>{"image": …}</c> (<c>RerankerM0Request</c>).</param>
/// <param name="V3Fields">Whether it takes <c>max_doc_length</c> and <c>return_embeddings</c> (<c>RerankerV3Request</c>).</param>
internal sealed record ApiReranker(string Name, bool Images, bool V3Fields)
{
    /// <summary>The rerankers of the API's OpenAPI document (the <c>model</c> discriminator of <c>POST /v1/rerank</c>).</summary>
    public static readonly IReadOnlyList<ApiReranker> All =
    [
        new("jina-reranker-v2-base-multilingual", Images: false, V3Fields: false),
        new("jina-reranker-v1-tiny-en", Images: false, V3Fields: false),
        new("jina-reranker-v1-turbo-en", Images: false, V3Fields: false),
        new("jina-reranker-v1-base-en", Images: false, V3Fields: false),
        new("jina-colbert-v1-en", Images: false, V3Fields: false),
        new("jina-colbert-v2", Images: false, V3Fields: false),
        new("jina-reranker-v3", Images: false, V3Fields: true),
        new("jina-reranker-m0", Images: true, V3Fields: false),
    ];

    public static ApiReranker? Find(string name) => All.FirstOrDefault(r => r.Name == name);
}
