using JinaClip.WebApi.Api;
using Microsoft.Extensions.Options;

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
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status502BadGateway);
        app.MapPost("/api/similarity", SimilarityAsync)
            .WithSummary("The cosine similarity of two texts.")
            .WithMetadata(new RequestBodyMetadata(typeof(SimilarityRequest)))
            .Produces<SimilarityResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
    }

    private static Task<IResult> EmbedAsync(HttpContext http, JinaEmbeddingClient client, Pricing pricing, IOptions<RequestLimits> limits) =>
        ApiProblems.HandleAsync(http, ApiJsonContext.Default.EmbedRequest, """{"texts": ["a red dog"]}""", async request =>
        {
            if (Refused(http, request, limits.Value) is { } refused)
            {
                return refused;
            }

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

    /// <summary>The request limits, checked before anything is sent: what an anonymous caller may spend.</summary>
    private static IResult? Refused(HttpContext http, EmbedRequest request, RequestLimits limits)
    {
        var urls = request.ImageUrls?.Length ?? 0;
        if (urls > 0 && !limits.AllowImageUrls)
        {
            return ApiProblems.Problem(http, StatusCodes.Status400BadRequest, "'image_urls' is off on this server (Limits:AllowImageUrls): the API would fetch every URL at the server's expense.");
        }

        var count = (request.Texts?.Length ?? 0) + urls;
        if (count > limits.MaxInputsPerRequest)
        {
            return ApiProblems.Problem(http, StatusCodes.Status413PayloadTooLarge, FormattableString.Invariant($"{count:N0} inputs are more than one request may hold here (Limits:MaxInputsPerRequest = {limits.MaxInputsPerRequest:N0})."));
        }

        var characters = request.Texts?.Sum(t => (long)(t?.Length ?? 0)) ?? 0;
        return characters > limits.MaxCharactersPerRequest
            ? ApiProblems.Problem(http, StatusCodes.Status413PayloadTooLarge, FormattableString.Invariant($"The texts hold {characters:N0} characters, more than one request may hold here (Limits:MaxCharactersPerRequest = {limits.MaxCharactersPerRequest:N0})."))
            : null;
    }

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
