using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JinaClip.WebApi.Catalogue;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace JinaClip.Tests.Samples;

/// <summary>The ASP.NET Core sample, in process through WebApplicationFactory, offline on the emulator (no key configured).</summary>
public sealed class WebApiTests : IClassFixture<WebApiTests.Factory>
{
    private readonly Factory _factory;

    public WebApiTests(Factory factory) => _factory = factory;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Embed_ReturnsOneVectorPerInput_WithUsage()
    {
        using var http = _factory.CreateClient();

        var response = await http.PostAsJsonAsync("/api/embed", new { texts = new[] { "a red dog", "a blue cat" }, dimensions = (int?)null }, Ct);

        response.EnsureSuccessStatusCode();
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal("jina-clip-v1", json.GetProperty("model").GetString());
        Assert.Equal([0, 1], json.GetProperty("data").EnumerateArray().Select(d => d.GetProperty("index").GetInt32()));
        Assert.All(json.GetProperty("data").EnumerateArray(), d => Assert.Equal(768, d.GetProperty("embedding").GetArrayLength()));
        Assert.Equal(8, json.GetProperty("usage").GetProperty("tokens").GetInt32());
    }

    [Fact]
    public async Task Embed_NoInputs_IsAProblemNamingIt()
    {
        using var http = _factory.CreateClient();

        var response = await http.PostAsJsonAsync("/api/embed", new { texts = Array.Empty<string>() }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("at least one of 'texts' or 'image_urls'", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Embed_200000Texts_Is413BeforeAnyRequestToTheApi()
    {
        using var http = _factory.CreateClient();
        await WaitForGalleryAsync(http); // the gallery's own requests to the API are done: the count below is this test's
        var collector = _factory.Services.GetRequiredService<FakeLogCollector>();
        int Sent() => collector.GetSnapshot().Count(r => r.Message.Contains("v1/embeddings", StringComparison.Ordinal));
        var beforeAllowed = Sent();
        (await http.PostAsJsonAsync("/api/embed", new { texts = new[] { "one text" } }, Ct)).EnsureSuccessStatusCode();
        Assert.True(Sent() > beforeAllowed, "the log shows each request to the API, so a missing one means none was sent");
        var sentBefore = Sent();

        var response = await http.PostAsJsonAsync("/api/embed", new { texts = Enumerable.Repeat("a", 200_000).ToArray() }, Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("200,000 inputs are more than one request may hold here (Limits:MaxInputsPerRequest = 64).", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(sentBefore, Sent());
    }

    [Fact]
    public async Task Embed_TooManyCharacters_Is413()
    {
        using var http = _factory.CreateClient();

        var response = await http.PostAsJsonAsync("/api/embed", new { texts = new[] { new string('a', 20_000), new string('b', 20_000) } }, Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("The texts hold 40,000 characters, more than one request may hold here (Limits:MaxCharactersPerRequest = 32,768).", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Embed_ImageUrls_AreOffUnlessConfigured()
    {
        using var http = _factory.CreateClient();

        var response = await http.PostAsJsonAsync("/api/embed", new { image_urls = new[] { "https://example.com/a.png" } }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'image_urls' is off on this server (Limits:AllowImageUrls)", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Similarity_IsTheCosineOfTheTwoTexts()
    {
        using var http = _factory.CreateClient();
        using var reference = new JinaClip.Testing.JinaEmulator().CreateClient();
        var dogs = await reference.EmbedTextAsync("dogs", cancellationToken: Ct);
        var puppies = await reference.EmbedTextAsync("puppies", cancellationToken: Ct);
        var expected = VectorMath.CosineSimilarity(dogs.Span, puppies.Span);

        var json = await http.PostAsJsonAsync("/api/similarity", new { a = "dogs", b = "puppies" }, Ct);

        var cosine = JsonDocument.Parse(await json.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("cosine").GetSingle();
        Assert.Equal(expected, cosine, 5);
    }

    [Fact]
    public async Task Search_RanksTheCatalogue_BestFirst()
    {
        using var http = _factory.CreateClient();

        var response = await http.PostAsJsonAsync("/api/catalogue/search", new { query = "Red wool scarf, hand knitted", top = 3 }, Ct);

        response.EnsureSuccessStatusCode();
        var hits = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("results").EnumerateArray().ToArray();
        Assert.Equal(3, hits.Length);
        Assert.Equal("sku-1", hits[0].GetProperty("id").GetString()); // the same text embeds to the same vector
        Assert.Equal(1f, hits[0].GetProperty("score").GetSingle(), 4);
        var scores = hits.Select(h => h.GetProperty("score").GetSingle()).ToArray();
        Assert.Equal(scores.OrderDescending(), scores);
    }

    [Fact]
    public async Task Search_WithRerank_ReranksTheVectorShortlist_BestFirst()
    {
        using var http = _factory.CreateClient();

        var response = await http.PostAsJsonAsync("/api/catalogue/search", new { query = "a mountain bike", top = 3, rerank = true, candidates = 8 }, Ct);

        response.EnsureSuccessStatusCode();
        var hits = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("results").EnumerateArray().ToArray();
        Assert.Equal(3, hits.Length);
        Assert.Equal("sku-8", hits[0].GetProperty("id").GetString()); // the reranker's word overlap puts the bike first
        var rerank = hits.Select(h => h.GetProperty("rerank_score").GetDouble()).ToArray();
        Assert.Equal(rerank.OrderDescending(), rerank);
        Assert.All(hits, h => Assert.True(h.TryGetProperty("score", out _)));
    }

    [Theory]
    [InlineData("""{"query":"x","top":3,"rerank":5}""", "'rerank' must be true, false or a reranker's name.")]
    [InlineData("""{"query":"x","top":3,"rerank":true,"candidates":2}""", "'candidates' must be from 'top' (3) to 200.")]
    [InlineData("""{"query":"x","rerank":"jina-reranker-v3","candidates":300}""", "'candidates' must be from 'top' (3) to 200.")]
    public async Task Search_BadRerankOptions_AreAProblemNamingThem(string body, string message)
    {
        using var http = _factory.CreateClient();

        var response = await http.PostAsync("/api/catalogue/search", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_BadTop_IsAProblem()
    {
        using var http = _factory.CreateClient();

        var response = await http.PostAsJsonAsync("/api/catalogue/search", new { query = "x", top = 0 }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'top' must be 1 to 50.", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/gallery/search", null, "", 415, "The request has no Content-Type; send the body as JSON with 'Content-Type: application/json'")]
    [InlineData("/api/gallery/search", "text/plain", "red bicycle", 415, "The Content-Type is 'text/plain; charset=utf-8'; send the body as JSON")]
    [InlineData("/api/gallery/search", "application/json", "", 400, "The request body is empty; send a JSON object, for example {\"query\": \"a red bicycle\", \"top\": 8}.")]
    [InlineData("/api/gallery/search", "application/json", "{\"query\": \"a", 400, "The body is not valid JSON (line 1, byte 13)")]
    [InlineData("/api/gallery/search", "application/json", "[\"a red bicycle\"]", 400, "The body must be a JSON object, not a list")]
    [InlineData("/api/gallery/search", "application/json", "{\"query\": 5}", 400, "'query' must be a string, not a number.")]
    [InlineData("/api/gallery/search", "application/json", "{\"query\": \"x\", \"top\": \"many\"}", 400, "'top' must be a whole number, not a string.")]
    [InlineData("/api/gallery/search", "application/json", "{\"query\": \"x\", \"top\": 2.5}", 400, "'top' must be a whole number, not a number that is not a whole number in range.")]
    [InlineData("/api/gallery/search", "application/json", "{\"qeury\": \"x\"}", 400, "'qeury' is not a field of this request; it takes 'query', 'top'.")]
    [InlineData("/api/gallery/search", "application/json", "{\"query\": \" \"}", 400, "Give a 'query': the text to find images for.")]
    [InlineData("/api/embed", "application/json", "{\"texts\": [\"a\", 3]}", 400, "'texts' must be a list of strings, not a list holding something other than strings.")]
    [InlineData("/api/embed", "application/json", "{\"imageUrls\": [\"https://example.com/a.png\"]}", 400, "'imageUrls' is not a field of this request; it takes 'texts', 'image_urls', 'dimensions'.")]
    [InlineData("/api/similarity", "application/json", "{\"a\": \"x\"}", 400, "Give both 'a' and 'b'.")]
    [InlineData("/api/gallery/similar", "application/json", "{}", 415, "Upload the image as multipart/form-data with the file in a field named 'image'")]
    public async Task BadRequest_IsAProblemJsonNamingIt_AndIsLogged(string path, string? contentType, string body, int status, string detail)
    {
        using var http = _factory.CreateClient();
        using var content = new StringContent(body);
        content.Headers.ContentType = contentType is null ? null : new System.Net.Http.Headers.MediaTypeHeaderValue(contentType) { CharSet = contentType == "text/plain" ? "utf-8" : null };

        var response = await http.PostAsync(path, content, Ct);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.StartsWith(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var logs = _factory.Services.GetFakeLogCollector().GetSnapshot();
        Assert.Contains(logs, r => r.Level == LogLevel.Warning && r.Message.StartsWith($"POST {path} answered {status}: {detail}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Gallery_TextSearch_RanksTheSampleImages_WithTokensAndCost()
    {
        using var http = _factory.CreateClient();
        await WaitForGalleryAsync(http);

        var response = await http.PostAsJsonAsync("/api/gallery/search", new { query = "a red bicycle", top = 5 }, Ct);

        response.EnsureSuccessStatusCode();
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        var results = json.GetProperty("results").EnumerateArray().ToArray();
        Assert.Equal([1, 2, 3, 4, 5], results.Select(r => r.GetProperty("rank").GetInt32()));
        var scores = results.Select(r => r.GetProperty("score").GetSingle()).ToArray();
        Assert.Equal(scores.OrderDescending(), scores);
        Assert.All(results, r => Assert.Equal("/gallery/" + r.GetProperty("image").GetString(), r.GetProperty("url").GetString()));
        var usage = json.GetProperty("usage");
        Assert.Equal(4, usage.GetProperty("tokens").GetInt64()); // ⌈1.1 × 3 words⌉, as the emulator counts
        Assert.Equal(0.05m, usage.GetProperty("price_per_million_tokens_usd").GetDecimal());
        Assert.Equal(4 * 0.05m / 1_000_000m, usage.GetProperty("cost_usd").GetDecimal());

        var image = await http.GetAsync(results[0].GetProperty("url").GetString(), Ct);
        image.EnsureSuccessStatusCode();
        Assert.Equal("image/jpeg", image.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Gallery_UploadAGalleryImage_FindsItselfFirst_WithScoreOne()
    {
        using var http = _factory.CreateClient();
        await WaitForGalleryAsync(http);
        using var form = new MultipartFormDataContent();
        var bytes = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "sample-images", "snowman.jpg"), Ct);
        form.Add(new ByteArrayContent(bytes), "image", "snowman.jpg");

        var response = await http.PostAsync("/api/gallery/similar", form, Ct);

        response.EnsureSuccessStatusCode();
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal("snowman.jpg", json.GetProperty("query").GetString());
        var first = json.GetProperty("results")[0];
        Assert.Equal("snowman.jpg", first.GetProperty("image").GetString());
        Assert.Equal(1f, first.GetProperty("score").GetSingle(), 4);
        Assert.Equal(8, json.GetProperty("results").GetArrayLength());
        Assert.Equal(2000, json.GetProperty("usage").GetProperty("tokens").GetInt64()); // downscaled to 299×224 before upload: 2 tiles
    }

    [Fact]
    public async Task Gallery_Images_AreTaggedLocally_WithTheTopLabelTheApiGives()
    {
        using var http = _factory.CreateClient();
        await WaitForGalleryAsync(http);

        var json = JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/gallery/images", UriKind.Relative), Ct)).RootElement;

        var images = json.GetProperty("images").EnumerateArray().ToArray();
        var labels = json.GetProperty("labels").EnumerateArray().Select(l => l.GetString()!).ToArray();
        Assert.Equal(12, images.Length);
        Assert.Equal("local", json.GetProperty("tagging").GetString());
        Assert.All(images, i => Assert.InRange(i.GetProperty("tag_score").GetSingle(), 0f, 1f));

        // The same images classified by POST /v1/classify (the emulator, through the app's own client and downscaler)
        // get the same top label: the local scores come from the vectors the gallery already had.
        var classification = _factory.Services.GetRequiredService<JinaClassificationClient>();
        var folder = Path.Combine(AppContext.BaseDirectory, "sample-images");
        var names = images.Select(i => i.GetProperty("image").GetString()!).ToArray();
        var byApi = await classification.ClassifyAsync(names.Select(n => EmbeddingInput.FromImageFile(Path.Combine(folder, n))), labels, cancellationToken: Ct);
        Assert.Equal(byApi.Select(c => c.Label), images.Select(i => i.GetProperty("tag").GetString()));
    }

    [Fact]
    public async Task Gallery_UploadTheSixKilobyteOneBitPngBomb_IsDecodedRowByRow_AndChargedOneTile()
    {
        using var http = _factory.CreateClient();
        await WaitForGalleryAsync(http);
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Imaging.PngFiles.OneBitBomb(7064)), "image", "bomb.png" } };

        var response = await http.PostAsync("/api/gallery/similar", form, Ct);

        response.EnsureSuccessStatusCode();
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal(1000, json.GetProperty("usage").GetProperty("tokens").GetInt64()); // 7064² sent as 224²: one tile
    }

    [Fact]
    public async Task Gallery_UploadAGifOverTheDecodeBudget_Is400NamingTheBudget_AndNothingIsDecoded()
    {
        using var http = _factory.CreateClient();
        await WaitForGalleryAsync(http);
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Images.TestImages.Gif(7064, 7064)), "image", "big.gif" } };

        var response = await http.PostAsync("/api/gallery/similar", form, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("more than ImageDownscalingOptions.MaxDecodeMemory (64.0 MB); it was not decoded", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gallery_UploadWithoutAFile_OrNotAnImage_IsAProblemNamingIt()
    {
        using var http = _factory.CreateClient();
        await WaitForGalleryAsync(http);
        using var empty = new MultipartFormDataContent { { new StringContent("8"), "top" } };
        using var text = new MultipartFormDataContent { { new ByteArrayContent("hello"u8.ToArray()), "image", "notes.jpg" } };

        var none = await http.PostAsync("/api/gallery/similar", empty, Ct);
        var notImage = await http.PostAsync("/api/gallery/similar", text, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Contains("The form has no file in a field named 'image'", await none.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, notImage.StatusCode);
        Assert.Contains("is not an image the SDK recognises", await notImage.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gallery_Status_SaysOfflineAndCountsTheSampleImages()
    {
        using var http = _factory.CreateClient();
        await WaitForGalleryAsync(http);

        var status = JsonDocument.Parse(await http.GetStringAsync("/api/gallery", Ct)).RootElement;

        Assert.True(status.GetProperty("ready").GetBoolean());
        Assert.True(status.GetProperty("offline").GetBoolean());
        Assert.Equal(12, status.GetProperty("total").GetInt32());
        Assert.Equal(12, status.GetProperty("indexed").GetInt32());
        Assert.Equal(24_000, status.GetProperty("tokens").GetInt64()); // 12 images of 640×480, each downscaled to 299×224: 2 tiles
        var logs = _factory.Services.GetFakeLogCollector().GetSnapshot().Select(r => r.Message).ToArray();
        Assert.Contains(logs, m => m.StartsWith("Indexing 12 images from ", StringComparison.Ordinal));
        Assert.Contains("Indexed 4/12 images (8000 tokens so far).", logs);
        Assert.Contains("Indexed 12/12 images (24000 tokens so far).", logs);
        Assert.DoesNotContain(logs, m => m.Contains("api.jina.ai", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OpenApi_DescribesEveryEndpoint_InSnakeCase_AndTheInteractivePageIsServed()
    {
        using var http = _factory.CreateClient();

        var document = JsonDocument.Parse(await http.GetStringAsync("/openapi/v1.json", Ct)).RootElement;
        var swagger = await http.GetAsync("/swagger/index.html", Ct);

        var paths = document.GetProperty("paths");
        Assert.Equal(
            ["/api/catalogue/search", "/api/embed", "/api/gallery", "/api/gallery/images", "/api/gallery/search", "/api/gallery/similar", "/api/similarity"],
            paths.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        var searchBody = paths.GetProperty("/api/gallery/search").GetProperty("post").GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        Assert.Equal(["query", "top"], searchBody.GetProperty("properties").EnumerateObject().Select(p => p.Name));
        var upload = paths.GetProperty("/api/gallery/similar").GetProperty("post").GetProperty("requestBody").GetProperty("content").GetProperty("multipart/form-data").GetProperty("schema");
        Assert.Equal("binary", upload.GetProperty("properties").GetProperty("image").GetProperty("format").GetString());
        var usage = document.GetProperty("components").GetProperty("schemas").GetProperty("QueryUsage").GetProperty("properties");
        Assert.Equal(["tokens", "cost_usd", "price_per_million_tokens_usd"], usage.EnumerateObject().Select(p => p.Name));
        Assert.Contains("400", paths.GetProperty("/api/embed").GetProperty("post").GetProperty("responses").EnumerateObject().Select(r => r.Name));
        swagger.EnsureSuccessStatusCode();
        Assert.Contains("swagger-ui", await swagger.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_IsServedAsStaticFiles()
    {
        using var http = _factory.CreateClient();

        var page = await http.GetStringAsync("/", Ct);
        var script = await http.GetAsync("/app.js", Ct);

        Assert.Contains("<form id=\"search-form\"", page, StringComparison.Ordinal);
        Assert.Contains("src=\"/app.js\"", page, StringComparison.Ordinal);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
    }

    private static async Task WaitForGalleryAsync(HttpClient http)
    {
        for (var i = 0; i < 200; i++)
        {
            var status = JsonDocument.Parse(await http.GetStringAsync("/api/gallery", Ct)).RootElement;
            if (status.GetProperty("ready").GetBoolean())
            {
                return;
            }

            await Task.Delay(50, Ct);
        }

        Assert.Fail("The gallery was not indexed within 10 seconds.");
    }

    [Fact]
    public void NoKey_FallsBackToTheEmulator_AndSaysSo()
    {
        using var http = _factory.CreateClient();

        var logs = _factory.Services.GetFakeLogCollector().GetSnapshot();
        Assert.Contains(logs, r => r.Level == LogLevel.Warning && r.Message.Contains("answering from the local emulator", StringComparison.Ordinal));
    }

    /// <summary>Runs the sample with no key and captures its logs.</summary>
    public sealed class Factory : WebApplicationFactory<ProductCatalogue>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            ArgumentNullException.ThrowIfNull(builder);
            builder.UseSetting("Jina:ApiKey", string.Empty);
            builder.UseSetting("Limits:RequestsPerMinutePerClient", "100000"); // every test of the class is one client
            builder.UseSetting("Logging:LogLevel:System.Net.Http.HttpClient", "Information"); // off in the sample; here each request to the API is logged and counted
            builder.ConfigureServices(services => services.AddLogging(l => l.AddFakeLogging()));
        }
    }
}
