using System.Net;
using System.Text.Json;
using JinaClip.Tests.TestSupport;
using JinaClip.WebApi.Catalogue;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace JinaClip.Tests.Samples;

/// <summary>The web sample's gallery on a folder of 30 images with 5 bad ones: 25 indexed, the 5 listed by name with their reasons.</summary>
public sealed class MessyGalleryTests : IAsyncDisposable
{
    private readonly MessyFolder _folder = new();
    private readonly WebApplicationFactory<ProductCatalogue> _factory;

    public MessyGalleryTests() => _factory = new WebApplicationFactory<ProductCatalogue>().WithWebHostBuilder(b =>
    {
        b.UseSetting("Jina:ApiKey", string.Empty);
        b.UseSetting("Gallery:Folder", _folder.Path);
        b.UseSetting("Limits:RequestsPerMinutePerClient", "100000");
    });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Gallery_FiveBadFilesAmong30_Indexes25_AndTheStatusNamesTheFiveWithTheirReasons()
    {
        using var http = _factory.CreateClient();

        var status = await ReadyStatusAsync(http);

        Assert.Equal(25, status.GetProperty("indexed").GetInt32());
        var skipped = status.GetProperty("skipped").EnumerateArray().Select(s => (Name: s.GetProperty("name").GetString()!, Reason: s.GetProperty("reason").GetString()!)).ToArray();
        Assert.Equal(MessyFolder.Bad.Select(b => b.Name), skipped.Select(s => s.Name)); // the folder's names, not positions in a chunk
        foreach (var (name, reason) in MessyFolder.Bad)
        {
            Assert.Contains(reason, skipped.Single(s => s.Name == name).Reason, StringComparison.Ordinal);
        }

        // Searches work, over the 25; a skipped file is not served.
        var search = await http.PostAsync("/api/gallery/search", new StringContent("""{"query": "a red dog", "top": 30}""", System.Text.Encoding.UTF8, "application/json"), Ct);
        search.EnsureSuccessStatusCode();
        var results = JsonDocument.Parse(await search.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("results");
        Assert.Equal(MessyFolder.Good, results.EnumerateArray().Select(r => r.GetProperty("image").GetString()).Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/gallery/page.jpg", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/gallery/photo00.jpg", Ct)).StatusCode);
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        _folder.Dispose();
    }

    internal static async Task<JsonElement> ReadyStatusAsync(HttpClient http)
    {
        for (var i = 0; i < 400; i++)
        {
            var status = JsonDocument.Parse(await http.GetStringAsync("/api/gallery", Ct)).RootElement;
            Assert.Equal(JsonValueKind.Null, status.GetProperty("error").ValueKind);
            if (status.GetProperty("ready").GetBoolean())
            {
                return status;
            }

            await Task.Delay(50, Ct);
        }

        Assert.Fail("The gallery was not indexed within 20 seconds.");
        return default;
    }
}
