namespace JinaClip.WebApi;

/// <summary>The request bodies.</summary>
public sealed record EmbedRequest(string[]? Texts, string[]? ImageUrls, int? Dimensions);

/// <summary>The <c>/similarity</c> body: two texts.</summary>
public sealed record SimilarityRequest(string? A, string? B);

/// <summary>
/// The <c>/search</c> body: a text query and how many results; with <c>rerank</c>, the vector search's best
/// <c>candidates</c> (default 8) are reranked by Jina's reranker (<c>true</c> for the default model, or a model name).
/// </summary>
public sealed record SearchRequest(string? Query, int? Top, System.Text.Json.JsonElement? Rerank = null, int? Candidates = null);

/// <summary>The minimal-API handlers. Bad input is a 400 problem naming it; API failures keep their status.</summary>
internal static class Endpoints
{
    public static Task<IResult> EmbedAsync(EmbedRequest request, JinaEmbeddingClient client, CancellationToken ct) => Guard(async () =>
    {
        var inputs = (request.Texts ?? []).Select(t => (EmbeddingInput)t)
            .Concat((request.ImageUrls ?? []).Select(EmbeddingInput.FromImageUrl)).ToList();
        if (inputs.Count == 0)
        {
            throw new ArgumentException("Give at least one of 'texts' or 'imageUrls'.");
        }

        var result = await client.EmbedAsync(inputs, new EmbeddingOptions { Dimensions = request.Dimensions }, ct);
        return Results.Ok(new
        {
            model = result.Model,
            usage = new { totalTokens = result.Usage.TotalTokens, imageTokens = result.Usage.ImageTokens },
            data = result.Select(e => new { index = e.Index, embedding = e.GetVector().ToArray() }),
        });
    });

    public static Task<IResult> SimilarityAsync(SimilarityRequest request, JinaEmbeddingClient client, CancellationToken ct) => Guard(async () =>
    {
        if (string.IsNullOrWhiteSpace(request.A) || string.IsNullOrWhiteSpace(request.B))
        {
            throw new ArgumentException("Give both 'a' and 'b'.");
        }

        var result = await client.EmbedAsync([request.A, request.B], cancellationToken: ct);
        return Results.Ok(new { cosine = VectorMath.CosineSimilarity(result[0], result[1]), tokens = result.Usage.TotalTokens });
    });

    public static Task<IResult> SearchAsync(
        SearchRequest request, JinaEmbeddingClient client, JinaRerankClient reranker, Catalogue catalogue, CancellationToken ct) => Guard(async () =>
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

        var index = await catalogue.Index.WaitAsync(TimeSpan.FromSeconds(30), ct);
        var query = await client.EmbedTextAsync(request.Query, cancellationToken: ct);
        if (model is null)
        {
            var hits = index.Search(query.Span, top);
            return Results.Ok(hits.Select(h => new { id = h.Id, text = Catalogue.Items[h.Id], score = h.Score }));
        }

        // Two stages: the vector index shortlists, the reranker orders the shortlist by relevance to the query.
        var shortlist = index.Search(query.Span, candidates);
        var ranked = await reranker.RerankAsync(
            request.Query, shortlist.Select(h => Catalogue.Items[h.Id]), new RerankOptions { Model = model, TopN = top, ReturnDocuments = false }, ct);
        return Results.Ok(ranked.Select(r => new
        {
            id = shortlist[r.Index].Id,
            text = Catalogue.Items[shortlist[r.Index].Id],
            score = shortlist[r.Index].Score,
            rerankScore = r.RelevanceScore,
        }));
    });

    /// <summary>Reads <c>rerank</c>: absent, null or <c>false</c> for none, <c>true</c> for the default reranker, or a model name.</summary>
    private static string? RerankModel(System.Text.Json.JsonElement? rerank) => rerank?.ValueKind switch
    {
        null or System.Text.Json.JsonValueKind.Null or System.Text.Json.JsonValueKind.False => null,
        System.Text.Json.JsonValueKind.True => JinaModels.RerankerV2BaseMultilingual,
        System.Text.Json.JsonValueKind.String when !string.IsNullOrWhiteSpace(rerank.Value.GetString()) => rerank.Value.GetString(),
        _ => throw new ArgumentException("'rerank' must be true, false or a reranker's name."),
    };

    private static async Task<IResult> Guard(Func<Task<IResult>> body)
    {
        try
        {
            return await body();
        }
        catch (ArgumentException ex)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status400BadRequest);
        }
        catch (JinaApiException ex)
        {
            return Results.Problem(ex.Message, statusCode: (int)ex.StatusCode);
        }
    }
}
