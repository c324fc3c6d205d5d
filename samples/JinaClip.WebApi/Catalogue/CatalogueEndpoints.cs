using System.Text.Json;
using JinaClip.WebApi.Api;

namespace JinaClip.WebApi.Catalogue;

/// <summary><c>POST /api/catalogue/search</c>: text search over the product catalogue, optionally reranked.</summary>
internal static class CatalogueEndpoints
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/catalogue/search", SearchAsync)
            .WithSummary("Search the product catalogue by text; with rerank, the vector search's shortlist is reranked.")
            .WithMetadata(new RequestBodyMetadata(typeof(CatalogueSearchRequest)))
            .Produces<CatalogueResults>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    private static Task<IResult> SearchAsync(HttpContext http, JinaEmbeddingClient client, JinaRerankClient reranker, ProductCatalogue catalogue, Pricing pricing) =>
        ApiProblems.HandleAsync(http, ApiJsonContext.Default.CatalogueSearchRequest, """{"query": "a mountain bike", "top": 3}""", async request =>
        {
            if (string.IsNullOrWhiteSpace(request.Query))
            {
                throw new ArgumentException("Give a 'query'.");
            }

            var top = request.Top ?? 3;
            if (top is < 1 or > 50)
            {
                throw new ArgumentException("'top' must be 1 to 50.");
            }

            var model = RerankModel(request.Rerank);
            var candidates = request.Candidates ?? Math.Max(8, top);
            if (model is not null && (candidates < top || candidates > 200))
            {
                throw new ArgumentException($"'candidates' must be from 'top' ({top}) to 200.");
            }

            var ct = http.RequestAborted;
            var index = await catalogue.Index.WaitAsync(TimeSpan.FromSeconds(30), ct);
            var embedded = await client.EmbedAsync([request.Query], cancellationToken: ct);
            var query = embedded[0].GetVector();
            if (model is null)
            {
                var hits = index.Search(query, top).Select(h => new CatalogueHit(h.Id, ProductCatalogue.Items[h.Id], h.Score)).ToArray();
                return Results.Ok(new CatalogueResults(request.Query, embedded.Model, null, hits, await pricing.UsageAsync(embedded.Model, embedded.Usage.TotalTokens, ct)));
            }

            // Two stages: the vector index shortlists, the reranker orders the shortlist by relevance to the query.
            var shortlist = index.Search(query, candidates);
            var ranked = await reranker.RerankAsync(
                request.Query, shortlist.Select(h => ProductCatalogue.Items[h.Id]), new RerankOptions { Model = model, TopN = top, ReturnDocuments = false }, ct);
            var reranked = ranked.Select(r =>
            {
                var hit = shortlist[r.Index];
                return new CatalogueHit(hit.Id, ProductCatalogue.Items[hit.Id], hit.Score, r.RelevanceScore);
            }).ToArray();

            // The query's cost is its embedding's and its rerank's, both priced at the embedding model's catalogue price.
            var tokens = (embedded.Usage.TotalTokens ?? 0) + (ranked.Usage.TotalTokens ?? 0);
            return Results.Ok(new CatalogueResults(request.Query, embedded.Model, ranked.Model, reranked, await pricing.UsageAsync(embedded.Model, tokens, ct)));
        });

    /// <summary>Reads <c>rerank</c>: absent, null or <c>false</c> for none, <c>true</c> for the default reranker, or a model name.</summary>
    private static string? RerankModel(JsonElement? rerank) => rerank?.ValueKind switch
    {
        null or JsonValueKind.Null or JsonValueKind.False => null,
        JsonValueKind.True => JinaModels.RerankerV2BaseMultilingual,
        JsonValueKind.String when !string.IsNullOrWhiteSpace(rerank.Value.GetString()) => rerank.Value.GetString(),
        _ => throw new ArgumentException("'rerank' must be true, false or a reranker's name."),
    };
}
