using JinaClip.WebApi.Api;

namespace JinaClip.WebApi.Embeddings;

/// <summary><c>POST /api/embed</c> and <c>POST /api/similarity</c>.</summary>
internal static class EmbeddingEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/embed", EmbedAsync)
            .WithSummary("Embed texts and image URLs in one call.")
            .WithMetadata(new RequestBodyMetadata(typeof(EmbedRequest)))
            .Produces<EmbedResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        app.MapPost("/api/similarity", SimilarityAsync)
            .WithSummary("The cosine similarity of two texts.")
            .WithMetadata(new RequestBodyMetadata(typeof(SimilarityRequest)))
            .Produces<SimilarityResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
    }

    private static Task<IResult> EmbedAsync(HttpContext http, JinaEmbeddingClient client, Pricing pricing) =>
        ApiProblems.HandleAsync(http, ApiJsonContext.Default.EmbedRequest, """{"texts": ["a red dog"]}""", async request =>
        {
            var inputs = (request.Texts ?? []).Select(t => (EmbeddingInput)t)
                .Concat((request.ImageUrls ?? []).Select(EmbeddingInput.FromImageUrl)).ToList();
            if (inputs.Count == 0)
            {
                throw new ArgumentException("Give at least one of 'texts' or 'image_urls'.");
            }

            var result = await client.EmbedAsync(inputs, new EmbeddingOptions { Dimensions = request.Dimensions }, http.RequestAborted);
            var usage = await pricing.UsageAsync(result.Model, result.Usage.TotalTokens, http.RequestAborted);
            return Results.Ok(new EmbedResponse(result.Model, usage, [.. result.Select(e => new EmbeddingOutput(e.Index, e.GetVector().ToArray()))]));
        });

    private static Task<IResult> SimilarityAsync(HttpContext http, JinaEmbeddingClient client, Pricing pricing) =>
        ApiProblems.HandleAsync(http, ApiJsonContext.Default.SimilarityRequest, """{"a": "dogs", "b": "puppies"}""", async request =>
        {
            if (string.IsNullOrWhiteSpace(request.A) || string.IsNullOrWhiteSpace(request.B))
            {
                throw new ArgumentException("Give both 'a' and 'b'.");
            }

            var result = await client.EmbedAsync([request.A, request.B], cancellationToken: http.RequestAborted);
            var usage = await pricing.UsageAsync(result.Model, result.Usage.TotalTokens, http.RequestAborted);
            return Results.Ok(new SimilarityResponse(VectorMath.CosineSimilarity(result[0], result[1]), usage));
        });
}
