using JinaClip.WebApi.Api;
using Microsoft.Extensions.Options;

namespace JinaClip.WebApi.Gallery;

/// <summary>The gallery's JSON API: its status, text → images, and image → similar images. Images are served under <c>/gallery/</c>.</summary>
internal static class GalleryEndpoints
{
    public const string ImagePath = "/gallery";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/gallery", Status)
            .WithSummary("How far indexing the gallery is.")
            .Produces<GalleryStatus>();
        app.MapGet("/api/gallery/images", Images)
            .WithSummary("Every indexed image with its tag (the best of the configured labels).")
            .Produces<GalleryImages>()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        app.MapPost("/api/gallery/search", SearchAsync)
            .WithSummary("Find the gallery's images that best match a text.")
            .WithMetadata(new RequestBodyMetadata(typeof(GallerySearchRequest)))
            .Produces<GalleryResults>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        app.MapPost("/api/gallery/similar", SimilarAsync)
            .WithSummary("Upload an image (multipart/form-data, field 'image') and find the gallery's most similar images.")
            .WithMetadata(new RequestBodyMetadata(null))
            .Produces<GalleryResults>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .DisableAntiforgery();
    }

    private static GalleryStatus Status(ImageGallery gallery, ApiMode mode)
    {
        var (indexed, tokens, index) = gallery.Progress();
        return new GalleryStatus(index is not null, indexed, gallery.Images.Count, tokens, gallery.Model, mode.Offline, gallery.Error, gallery.Skipped, gallery.TagError);
    }

    private static IResult Images(HttpContext http, ImageGallery gallery, IOptions<GalleryOptions> options)
    {
        if (NotReady(http, gallery) is { } problem)
        {
            return problem;
        }

        var (_, _, index) = gallery.Progress();
        var images = index!.Ids.Select(id => gallery.TagOf(id) is { } tag
            ? new GalleryImage(id, UrlOf(id), tag.Label, tag.Score)
            : new GalleryImage(id, UrlOf(id), null, null));
        return Results.Ok(new GalleryImages(options.Value.Tagging, options.Value.TagLabels, [.. images]));
    }

    private static string UrlOf(string image) => $"{ImagePath}/{Uri.EscapeDataString(image).Replace("%2F", "/", StringComparison.Ordinal)}";

    private static Task<IResult> SearchAsync(HttpContext http, ImageGallery gallery, JinaEmbeddingClient client, Pricing pricing) =>
        ApiProblems.HandleAsync(http, ApiJsonContext.Default.GallerySearchRequest, """{"query": "a red bicycle", "top": 8}""", async request =>
        {
            if (string.IsNullOrWhiteSpace(request.Query))
            {
                throw new ArgumentException("Give a 'query': the text to find images for.");
            }

            var top = Top(request.Top);
            if (NotReady(http, gallery) is { } problem)
            {
                return problem;
            }

            var result = await client.EmbedAsync([request.Query], cancellationToken: http.RequestAborted);
            return Results.Ok(await RankAsync(gallery, result, request.Query, top, pricing, http.RequestAborted));
        });

    private static Task<IResult> SimilarAsync(
        HttpContext http, ImageGallery gallery, JinaEmbeddingClient client, JinaClassificationClient classification, Pricing pricing, IOptions<GalleryOptions> options) =>
        ApiProblems.GuardAsync(http, async () =>
        {
            var request = http.Request;
            if (!request.HasFormContentType)
            {
                return ApiProblems.Problem(http, StatusCodes.Status415UnsupportedMediaType,
                    "Upload the image as multipart/form-data with the file in a field named 'image' (curl -F image=@photo.jpg).");
            }

            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(http.RequestAborted);
            }
            catch (Exception ex) when (ex is (IOException and not BadHttpRequestException) or InvalidDataException && !http.RequestAborted.IsCancellationRequested)
            {
                // A body cut short, too many parts, a part header too long: the client's mistake, not the server's. (A body
                // over Kestrel's limit is a BadHttpRequestException, answered with its own 413 by GuardAsync.)
                return ApiProblems.Problem(http, StatusCodes.Status400BadRequest, $"The form could not be read: {ex.Message}");
            }
            if (form.Files.GetFile("image") is not { } file)
            {
                return ApiProblems.Problem(http, StatusCodes.Status400BadRequest, "The form has no file in a field named 'image' (curl -F image=@photo.jpg).");
            }

            if (file.Length == 0)
            {
                return ApiProblems.Problem(http, StatusCodes.Status400BadRequest, $"The uploaded file '{file.FileName}' is empty.");
            }

            if (file.Length > options.Value.MaxUploadBytes)
            {
                return ApiProblems.Problem(http, StatusCodes.Status413PayloadTooLarge,
                    $"The uploaded file '{file.FileName}' is {file.Length:N0} bytes; the most is {options.Value.MaxUploadBytes:N0} bytes (8 MiB, the API's limit for an image).");
            }

            var top = form.TryGetValue("top", out var value) && value.Count > 0
                ? Top(int.TryParse(value[0], System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : throw new ArgumentException("'top' must be a whole number from 1 to 50."))
                : Top(null);
            if (NotReady(http, gallery) is { } problem)
            {
                return problem;
            }

            using var bytes = new MemoryStream((int)file.Length);
            await file.CopyToAsync(bytes, http.RequestAborted);

            // The SDK checks the bytes are an image it recognises before anything is sent: a text file named .jpg is a 400 here.
            var input = EmbeddingInput.FromImageBytes(bytes.ToArray());
            var result = await client.EmbedAsync([input], cancellationToken: http.RequestAborted);
            var ranked = await RankAsync(gallery, result, file.FileName, top, pricing, http.RequestAborted);

            // The upload gets a tag as the gallery's images did: locally from the vector just made, or through the API.
            var tag = options.Value.Tagging switch
            {
                "local" when gallery.Classifier is { } local => ImageTag.Of(local.Classify(result[0].GetVector())),
                "api" => ImageTag.Of((await classification.ClassifyAsync([input], options.Value.TagLabels, cancellationToken: http.RequestAborted))[0]),
                _ => null,
            };
            return Results.Ok(ranked with { QueryTag = tag?.Label, QueryTagScore = tag?.Score });
        });

    private static int Top(int? top) => top switch
    {
        null => 8,
        >= 1 and <= 50 => top.Value,
        _ => throw new ArgumentException($"'top' must be 1 to 50 (was {top})."),
    };

    private static IResult? NotReady(HttpContext http, ImageGallery gallery)
    {
        if (gallery.Error is { } error)
        {
            return ApiProblems.Problem(http, StatusCodes.Status503ServiceUnavailable, error);
        }

        var (indexed, _, index) = gallery.Progress();
        if (index is null)
        {
            http.Response.Headers.RetryAfter = "1";
            return ApiProblems.Problem(http, StatusCodes.Status503ServiceUnavailable, $"The gallery is still being indexed ({indexed}/{gallery.Images.Count} images); try again in a moment.");
        }

        return null;
    }

    private static async Task<GalleryResults> RankAsync(ImageGallery gallery, JinaEmbeddingCollection result, string query, int top, Pricing pricing, CancellationToken ct)
    {
        var (_, _, index) = gallery.Progress();
        if (result[0].Dimensions != index!.Dimensions && index.Count > 0)
        {
            throw new ArgumentException($"The query embedded to {result[0].Dimensions} dimensions but the gallery holds {index.Dimensions}; use the model the gallery was indexed with ({gallery.Model}).");
        }

        var hits = index.Count == 0 ? [] : index.Search(result[0].GetVector().Span, top);
        var usage = await pricing.UsageAsync(result.Model, result.Usage.TotalTokens, ct);
        return new GalleryResults(
            query,
            result.Model,
            [.. hits.Select((h, i) => gallery.TagOf(h.Id) is { } tag
                ? new GalleryHit(i + 1, h.Id, UrlOf(h.Id), h.Score, tag.Label, tag.Score)
                : new GalleryHit(i + 1, h.Id, UrlOf(h.Id), h.Score))],
            usage);
    }
}
