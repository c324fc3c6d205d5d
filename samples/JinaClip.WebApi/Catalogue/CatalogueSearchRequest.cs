using System.Text.Json;

namespace JinaClip.WebApi.Catalogue;

/// <summary>
/// The <c>POST /api/catalogue/search</c> body: a text query and how many results; with <c>rerank</c>, the vector search's
/// best <c>candidates</c> (default 8) are reranked by Jina's reranker (<c>true</c> for the default model, or a model name).
/// </summary>
/// <param name="Query">The text to search the catalogue for.</param>
/// <param name="Top">How many results (1 to 50; default 3).</param>
/// <param name="Rerank"><c>true</c>, <c>false</c> or a reranker's name.</param>
/// <param name="Candidates">With <c>rerank</c>: how many vector-search matches to rerank.</param>
public sealed record CatalogueSearchRequest(string? Query, int? Top, JsonElement? Rerank = null, int? Candidates = null);
