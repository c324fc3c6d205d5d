namespace JinaClip.Models;

/// <summary>What one reranker accepts on <c>POST /v1/rerank</c>, from the API's OpenAPI document (the request schema its name selects).</summary>
/// <param name="Name">The model name on the wire.</param>
/// <param name="Listwise">Whether it ranks the documents jointly, so that splitting a list would change the ranking.</param>
/// <param name="Images">Whether documents may be images (<c>{"image": …}</c>).</param>
/// <param name="V3Fields">Whether it takes <c>max_doc_length</c> and <c>return_embeddings</c>.</param>
internal sealed record RerankerSpec(string Name, bool Listwise, bool Images, bool V3Fields);
