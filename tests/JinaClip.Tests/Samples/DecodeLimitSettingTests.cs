using JinaClip.Imaging;
using JinaClip.Tests.TestSupport;
using JinaClip.WebApi.Catalogue;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace JinaClip.Tests.Samples;

/// <summary>The web sample's <c>Limits:ImageDecodesAtOnce</c> sets the process-wide limit on images decoded at once.</summary>
[Collection(nameof(UnobservedTaskTests))] // changes a process-wide setting: alone
public sealed class DecodeLimitSettingTests
{
    [Fact]
    public async Task ImageDecodesAtOnce_SetsTheProcessWideDecodeLimit()
    {
        var before = SkiaImageDownscaler.MaxConcurrentDecodes;
        try
        {
            await using var factory = new WebApplicationFactory<ProductCatalogue>().WithWebHostBuilder(b =>
            {
                b.UseSetting("Jina:ApiKey", string.Empty);
                b.UseSetting("Limits:ImageDecodesAtOnce", "3");
            });
            using var http = factory.CreateClient();

            (await http.GetAsync("/api/gallery", TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

            Assert.Equal(3, SkiaImageDownscaler.MaxConcurrentDecodes);
        }
        finally
        {
            SkiaImageDownscaler.MaxConcurrentDecodes = before;
        }
    }
}
