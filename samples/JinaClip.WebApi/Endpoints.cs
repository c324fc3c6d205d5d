namespace JinaClip.WebApi;

/// <summary>The request bodies.</summary>
public sealed record EmbedRequest(string[]? Texts, string[]? ImageUrls, int? Dimensions);

/// <summary>The <c>/similarity</c> body: two texts.</summary>
public sealed record SimilarityRequest(string? A, string? B);

/// <summary>The <c>/search</c> body: a text query and how many results.</summary>
public sealed record SearchRequest(string? Query, int? Top);

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

    public static Task<IResult> SearchAsync(SearchRequest request, JinaEmbeddingClient client, Catalogue catalogue, CancellationToken ct) => Guard(async () =>
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

        var index = await catalogue.Index.WaitAsync(TimeSpan.FromSeconds(30), ct);
        var query = await client.EmbedTextAsync(request.Query, cancellationToken: ct);
        var hits = index.Search(query.Span, top);
        return Results.Ok(hits.Select(h => new { id = h.Id, text = Catalogue.Items[h.Id], score = h.Score }));
    });

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
