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
            .Produces<CatalogueHit[]>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    private static Task<IResult> SearchAsync(HttpContext http, JinaEmbeddingClient client, JinaRerankClient reranker, ProductCatalogue catalogue) =>
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
            var query = await client.EmbedTextAsync(request.Query, cancellationToken: ct);
            if (model is null)
            {
                return Results.Ok(index.Search(query.Span, top).Select(h => new CatalogueHit(h.Id, ProductCatalogue.Items[h.Id], h.Score)).ToArray());
            }

            // Two stages: the vector index shortlists, the reranker orders the shortlist by relevance to the query.
            var shortlist = index.Search(query.Span, candidates);
            var ranked = await reranker.RerankAsync(
                request.Query, shortlist.Select(h => ProductCatalogue.Items[h.Id]), new RerankOptions { Model = model, TopN = top, ReturnDocuments = false }, ct);
            return Results.Ok(ranked.Select(r =>
            {
                var hit = shortlist[r.Index];
                return new CatalogueHit(hit.Id, ProductCatalogue.Items[hit.Id], hit.Score, r.RelevanceScore);
            }).ToArray());
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
