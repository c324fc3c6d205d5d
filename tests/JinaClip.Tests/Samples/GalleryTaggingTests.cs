using System.Text.Json;
using JinaClip.WebApi.Catalogue;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace JinaClip.Tests.Samples;

/// <summary>The web sample's tagging modes: local (the default), api, off, and a mode it does not know.</summary>
public sealed class GalleryTaggingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static WebApplicationFactory<ProductCatalogue> Sample(string tagging, string? labels = null) =>
        new WebApplicationFactory<ProductCatalogue>().WithWebHostBuilder(b =>
        {
            b.UseSetting("Jina:ApiKey", string.Empty);
            b.UseSetting("Gallery:Tagging", tagging);
            b.UseSetting("Limits:RequestsPerMinutePerClient", "100000");
            if (labels is not null)
            {
                var i = 0;
                foreach (var label in labels.Split(','))
                {
                    b.UseSetting($"Gallery:Labels:{i++}", label);
                }
            }
        });

    [Fact]
    public async Task Tagging_ApiAndLocal_GiveEveryImageTheSameTag_OnTheEmulator_WithTheConfiguredLabels()
    {
        await using var local = Sample("local", "sky,tree,boat");
        await using var api = Sample("api", "sky,tree,boat");

        var byLocal = await ImagesAsync(local);
        var byApi = await ImagesAsync(api);

        Assert.Equal(["sky", "tree", "boat"], byApi.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal("api", byApi.GetProperty("tagging").GetString());
        Assert.Equal(Tags(byLocal), Tags(byApi));
        Assert.All(Tags(byApi), t => Assert.Contains(t.Tag, new[] { "sky", "tree", "boat" }));
    }

    [Fact]
    public async Task Tagging_Off_ListsTheImagesUntagged()
    {
        await using var sample = Sample("off");

        var images = await ImagesAsync(sample);

        Assert.Equal(12, images.GetProperty("images").GetArrayLength());
        Assert.All(images.GetProperty("images").EnumerateArray(), i => Assert.Equal(JsonValueKind.Null, i.GetProperty("tag").ValueKind));
    }

    [Fact]
    public async Task Tagging_AnUnknownMode_KeepsTheGallerySearchable_AndTheStatusSaysWhy()
    {
        await using var sample = Sample("magic");
        using var http = sample.CreateClient();

        var status = await ReadyAsync(http);

        Assert.Equal("Gallery:Tagging is 'magic'; use local, api or off.", status.GetProperty("tag_error").GetString());
        Assert.Equal(12, status.GetProperty("indexed").GetInt32());
    }

    private static async Task<JsonElement> ImagesAsync(WebApplicationFactory<ProductCatalogue> sample)
    {
        using var http = sample.CreateClient();
        await ReadyAsync(http);
        return JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/gallery/images", UriKind.Relative), Ct)).RootElement;
    }

    private static (string? Image, string? Tag)[] Tags(JsonElement images) =>
        [.. images.GetProperty("images").EnumerateArray().Select(i => (i.GetProperty("image").GetString(), i.GetProperty("tag").GetString()))];

    private static async Task<JsonElement> ReadyAsync(HttpClient http)
    {
        for (var i = 0; i < 400; i++)
        {
            var status = JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/gallery", UriKind.Relative), Ct)).RootElement;
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
