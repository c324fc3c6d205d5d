using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JinaClip.WebApi;
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

        var response = await http.PostAsJsonAsync("/embed", new { texts = new[] { "a red dog", "a blue cat" }, dimensions = (int?)null }, Ct);

        response.EnsureSuccessStatusCode();
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal("jina-clip-v1", json.GetProperty("model").GetString());
        Assert.Equal([0, 1], json.GetProperty("data").EnumerateArray().Select(d => d.GetProperty("index").GetInt32()));
        Assert.All(json.GetProperty("data").EnumerateArray(), d => Assert.Equal(768, d.GetProperty("embedding").GetArrayLength()));
        Assert.Equal(8, json.GetProperty("usage").GetProperty("totalTokens").GetInt32());
    }

    [Fact]
    public async Task Embed_NoInputs_IsAProblemNamingIt()
    {
        using var http = _factory.CreateClient();

        var response = await http.PostAsJsonAsync("/embed", new { texts = Array.Empty<string>() }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("at least one of 'texts' or 'imageUrls'", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Similarity_IsTheCosineOfTheTwoTexts()
    {
        using var http = _factory.CreateClient();
        using var reference = new JinaClip.Testing.JinaEmulator().CreateClient();
        var dogs = await reference.EmbedTextAsync("dogs", cancellationToken: Ct);
        var puppies = await reference.EmbedTextAsync("puppies", cancellationToken: Ct);
        var expected = VectorMath.CosineSimilarity(dogs.Span, puppies.Span);

        var json = await http.PostAsJsonAsync("/similarity", new { a = "dogs", b = "puppies" }, Ct);

        var cosine = JsonDocument.Parse(await json.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("cosine").GetSingle();
        Assert.Equal(expected, cosine, 5);
    }

    [Fact]
    public async Task Search_RanksTheCatalogue_BestFirst()
    {
        using var http = _factory.CreateClient();

        var response = await http.PostAsJsonAsync("/search", new { query = "Red wool scarf, hand knitted", top = 3 }, Ct);

        response.EnsureSuccessStatusCode();
        var hits = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.EnumerateArray().ToArray();
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

        var response = await http.PostAsJsonAsync("/search", new { query = "a mountain bike", top = 3, rerank = true, candidates = 8 }, Ct);

        response.EnsureSuccessStatusCode();
        var hits = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.EnumerateArray().ToArray();
        Assert.Equal(3, hits.Length);
        Assert.Equal("sku-8", hits[0].GetProperty("id").GetString()); // the reranker's word overlap puts the bike first
        var rerank = hits.Select(h => h.GetProperty("rerankScore").GetDouble()).ToArray();
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

        var response = await http.PostAsync("/search", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_BadTop_IsAProblem()
    {
        using var http = _factory.CreateClient();

        var response = await http.PostAsJsonAsync("/search", new { query = "x", top = 0 }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public void NoKey_FallsBackToTheEmulator_AndSaysSo()
    {
        using var http = _factory.CreateClient();

        var logs = _factory.Services.GetFakeLogCollector().GetSnapshot();
        Assert.Contains(logs, r => r.Level == LogLevel.Warning && r.Message.Contains("answering from the local emulator", StringComparison.Ordinal));
    }

    /// <summary>Runs the sample with no key and captures its logs.</summary>
    public sealed class Factory : WebApplicationFactory<Catalogue>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            ArgumentNullException.ThrowIfNull(builder);
            builder.UseSetting("Jina:ApiKey", string.Empty);
            builder.ConfigureServices(services => services.AddLogging(l => l.AddFakeLogging()));
        }
    }
}
