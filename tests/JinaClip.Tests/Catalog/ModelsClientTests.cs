using System.Net;
using JinaClip.Testing;
using JinaClip.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace JinaClip.Tests.Catalog;

/// <summary><see cref="JinaModelsClient"/>: the live catalogue, typed, cached, never required for embeddings.</summary>
public class ModelsClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetModelsAsync_ReadsTheEmulatorsCatalogue_Typed()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateJinaClient();

        var models = await client.GetModelsClient().GetModelsAsync(Ct);

        var clip = Assert.Single(models, m => m.ShortId == JinaModels.ClipV1);
        Assert.Equal("jina-ai/jina-clip-v1", clip.Id);
        Assert.Equal(768, clip.MaxOutputDimensions);
        Assert.Equal(["text", "image"], clip.InputModalities);
        Assert.Equal(["embeddings"], clip.OutputModalities);
        Assert.Equal(0.00000005m, clip.PricePerInputToken);
        Assert.Equal(0.05m, clip.PricePerMillionTokens);
        Assert.Contains(models, m => m.ShortId == JinaModels.RerankerM0);
        Assert.Equal("GET", emulator.Requests[0].Method);
        Assert.Equal("/v1/models", emulator.Requests[0].Path);
    }

    [Fact]
    public async Task GetModelsAsync_IsCachedForTheConfiguredDuration_ThenReadAgain()
    {
        var clock = new FakeTimeProvider();
        var emulator = new JinaEmulator();
        using var client = emulator.CreateJinaClient(o => { o.TimeProvider = clock; o.ModelCatalogCacheDuration = TimeSpan.FromMinutes(10); });
        var catalogue = client.GetModelsClient();

        await catalogue.GetModelsAsync(Ct);
        clock.Advance(TimeSpan.FromMinutes(9));
        await catalogue.GetModelsAsync(Ct);
        var cachedModel = await catalogue.GetModelAsync("jina-ai/jina-clip-v2", Ct);
        Assert.Equal(1, emulator.RequestCount);
        Assert.Equal(1024, cachedModel!.MaxOutputDimensions);

        clock.Advance(TimeSpan.FromMinutes(2));
        await catalogue.GetModelsAsync(Ct);
        Assert.Equal(2, emulator.RequestCount);
    }

    [Theory]
    [InlineData("jina-embeddings-v3")]
    [InlineData("jina-ai/jina-embeddings-v3")]
    public async Task GetModelAsync_TakesTheShortOrTheFullId(string id)
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateJinaClient();

        var model = await client.GetModelsClient().GetModelAsync(id, Ct);

        Assert.Equal("jina-ai/jina-embeddings-v3", model!.Id);
        Assert.Equal($"/v1/models/{Uri.EscapeDataString(id)}", emulator.Requests[0].Path);
    }

    [Fact]
    public async Task GetModelAsync_AnUnknownModel_IsNull()
    {
        using var client = new JinaEmulator().CreateJinaClient();

        Assert.Null(await client.GetModelsClient().GetModelAsync("jina-nothing", Ct));
    }

    [Theory]
    [InlineData("""{"data":[{"id":"jina-ai/x","pricing":{"prompt":"cheap"}}]}""", "the price 'pricing.prompt' = \"cheap\"")]
    [InlineData("""{"data":[{"name":"x"}]}""", "model 0 of 'data' has no 'id'")]
    [InlineData("""{"models":[]}""", "no 'data' array")]
    [InlineData("""{"data":[{"id":"jina-ai/x","max_output_length":"big"}]}""", "'max_output_length' = \"big\"")]
    public async Task GetModelsAsync_AMalformedCatalogue_IsAnInvalidResponseNamingTheField(string body, string message)
    {
        using var mock = new JinaMock();
        mock.RespondWith(body);
        using var client = mock.CreateJinaClient();

        var ex = await Assert.ThrowsAsync<JinaInvalidResponseException>(() => client.GetModelsClient().GetModelsAsync(Ct));

        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        Assert.Equal("https://api.jina.ai/v1/models", mock.Requests[0].RequestUri!.AbsoluteUri);
        Assert.Equal(HttpMethod.Get, mock.Requests[0].Method);
    }

    [Fact]
    public async Task EmbedAsync_NeverReadsTheCatalogue()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateClient();

        await client.EmbedAsync(["offline"], cancellationToken: Ct);

        Assert.DoesNotContain(emulator.Requests, r => r.Path.StartsWith("/v1/models", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetModelsAsync_AServerError_IsRetriedLikeEveryCall()
    {
        var clock = new FakeTimeProvider();
        var emulator = new JinaEmulator(new JinaEmulatorOptions { TimeProvider = clock });
        using var client = emulator.CreateJinaClient(o => { o.TimeProvider = clock; o.Retry.UseJitter = false; });
        emulator.Faults.FailNext(1, HttpStatusCode.BadGateway);

        var models = await Clock.Drive(clock, client.GetModelsClient().GetModelsAsync(Ct));

        Assert.NotEmpty(models);
        Assert.Equal(2, emulator.RequestCount);
    }
}
