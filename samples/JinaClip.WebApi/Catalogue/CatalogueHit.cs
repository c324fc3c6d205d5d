namespace JinaClip.WebApi.Catalogue;

/// <summary>One result of <c>POST /api/catalogue/search</c>.</summary>
/// <param name="Id">The item's id.</param>
/// <param name="Text">The item's description.</param>
/// <param name="Score">The cosine of the query's and the item's vectors.</param>
/// <param name="RerankScore">The reranker's relevance score, when the search was reranked.</param>
public sealed record CatalogueHit(string Id, string Text, float Score, double? RerankScore = null);
