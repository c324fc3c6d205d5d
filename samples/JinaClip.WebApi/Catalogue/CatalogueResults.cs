using JinaClip.WebApi.Api;

namespace JinaClip.WebApi.Catalogue;

/// <summary>The answer of <c>POST /api/catalogue/search</c>, in the shape of the gallery's searches: the query, the model, the ranked products and the cost.</summary>
/// <param name="Query">The text searched for.</param>
/// <param name="Model">The model that embedded the query.</param>
/// <param name="Reranker">The reranker that ordered the shortlist, or null when the vector search's order stands.</param>
/// <param name="Results">The best products, best first.</param>
/// <param name="Usage">The tokens the query used (its embedding and any rerank) and their estimated cost.</param>
public sealed record CatalogueResults(string Query, string Model, string? Reranker, CatalogueHit[] Results, QueryUsage Usage);
