using System.Text.Json;
using JinaClip.Imaging;
using JinaClip.Testing;
using JinaClip.Tests.Images;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace JinaClip.Tests.Imaging;

/// <summary><c>DownloadImageUrls</c> and the URL rules from appsettings.json reach a client registered with DI.</summary>
public sealed class DownloadImageUrlsConfigurationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DownloadImageUrls_FromConfiguration_DownloadsAndSendsBase64()
    {
        await using var images = await ImageServer.StartAsync();
        var url = images.Add("photo.jpg", Photos.Jpeg(4000, 3000));
        var emulator = new JinaEmulator(new JinaEmulatorOptions { ApiKey = "jina_appsettings" });
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddJsonStream(new MemoryStream(
            """{ "Jina": { "ApiKey": "jina_appsettings", "DownloadImageUrls": true, "TokenEstimatorOptions": { "ImageUrls": { "AllowNonPublicAddresses": true } } } }"""u8.ToArray()));
        builder.Services.AddJinaClient(builder.Configuration).UseJinaEmulator(emulator).AddImageDownscaling();
        using var host = builder.Build();

        var result = await host.Services.GetRequiredService<JinaEmbeddingClient>().EmbedAsync([EmbeddingInput.FromImageUrl(url)], cancellationToken: Ct);

        var image = JsonDocument.Parse(emulator.Requests[0].Body).RootElement.GetProperty("input")[0].GetProperty("image").GetString()!;
        Assert.DoesNotContain("http", image, StringComparison.Ordinal);
        Assert.Equal((299, 224), (ImageHeaderReader.Read(Convert.FromBase64String(image)).Width, ImageHeaderReader.Read(Convert.FromBase64String(image)).Height));
        Assert.Equal(2_000, result.Usage.ImageTokens);
    }
}
