using System.Text.Json;
using JinaClip.Imaging;
using JinaClip.Testing;
using JinaClip.Tests.Images;
using JinaClip.Tests.TestSupport;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace JinaClip.Tests.Imaging;

/// <summary><see cref="SkiaImageDownscaler"/> on its own and through the client: sizes, tokens, what is never changed, and refusals.</summary>
public class DownscalerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, int, int, DownscaleMode, int, int, long, long> Tokens() => new()
    {
        // model, original size, mode → sent size, tokens as given → tokens as sent
        { JinaModels.ClipV1, 4000, 3000, DownscaleMode.ShortestSide, 299, 224, 252_000, 2_000 },
        { JinaModels.ClipV1, 4000, 3000, DownscaleMode.CenterCrop, 224, 224, 252_000, 1_000 },
        { JinaModels.ClipV1, 1280, 848, DownscaleMode.ShortestSide, 338, 224, 24_000, 2_000 },
        { JinaModels.ClipV1, 1280, 848, DownscaleMode.CenterCrop, 224, 224, 24_000, 1_000 },
        { JinaModels.ClipV1, 300, 200, DownscaleMode.ShortestSide, 300, 200, 2_000, 2_000 },
        { JinaModels.ClipV2, 4000, 3000, DownscaleMode.ShortestSide, 683, 512, 192_000, 8_000 },
        { JinaModels.ClipV2, 4000, 3000, DownscaleMode.CenterCrop, 512, 512, 192_000, 4_000 },
        { JinaModels.ClipV2, 1280, 848, DownscaleMode.ShortestSide, 773, 512, 24_000, 8_000 },
        { JinaModels.ClipV2, 300, 200, DownscaleMode.ShortestSide, 300, 200, 4_000, 4_000 },
        { JinaModels.EmbeddingsV4, 4000, 3000, DownscaleMode.ShortestSide, 896, 672, 154_440, 7_680 },
        { JinaModels.EmbeddingsV4, 1280, 848, DownscaleMode.ShortestSide, 952, 616, 14_260, 7_480 },
        { JinaModels.EmbeddingsV4, 300, 200, DownscaleMode.ShortestSide, 300, 200, 880, 880 },
    };

    [Theory]
    [MemberData(nameof(Tokens))]
    public async Task Estimate_WithTheDownscaler_PinsTheTilesBeforeAndAfter(
        string model, int width, int height, DownscaleMode mode, int sentWidth, int sentHeight, long before, long after)
    {
        var estimator = new TokenEstimator(new TokenEstimatorOptions { ImagePreprocessor = new SkiaImageDownscaler(new() { Mode = mode }) });

        var estimate = await estimator.EstimateAsync([EmbeddingInput.FromImageBytes(TestImages.Jpeg(width, height))], model, Ct);

        var image = Assert.Single(estimate.Inputs);
        Assert.Equal((sentWidth, sentHeight), (image.Image!.Value.Width, image.Image.Value.Height));
        Assert.Equal(before, image.OriginalTokens);
        Assert.Equal(after, image.Tokens);
        Assert.Equal(before - after, estimate.SavedTokens);
    }

    [Theory]
    [InlineData(JinaModels.ClipV1, DownscaleMode.ShortestSide, 299, 224)]
    [InlineData(JinaModels.ClipV1, DownscaleMode.CenterCrop, 224, 224)]
    [InlineData(JinaModels.ClipV2, DownscaleMode.ShortestSide, 683, 512)]
    [InlineData(JinaModels.EmbeddingsV4, DownscaleMode.ShortestSide, 896, 672)]
    public async Task PrepareAsync_APhoto_IsSentAtThePlannedSize(string model, DownscaleMode mode, int width, int height)
    {
        var downscaler = new SkiaImageDownscaler(new() { Mode = mode });
        var photo = Photos.Jpeg(4000, 3000);

        var prepared = await downscaler.PrepareAsync(photo, model, Ct);

        var sent = ImageHeaderReader.Read(prepared.Data);
        Assert.Equal((ImageFormat.Jpeg, width, height), (sent.Format, sent.Width, sent.Height));
        Assert.Equal(downscaler.Plan(ImageHeaderReader.Read(photo), model).SentSize, sent);
        Assert.True(prepared.Data.Length < photo.Length, $"{photo.Length:N0} → {prepared.Data.Length:N0} bytes");
    }

    [Theory]
    [InlineData(JinaModels.ClipV1, 224, 224)]
    [InlineData(JinaModels.ClipV1, 300, 200)]
    [InlineData(JinaModels.ClipV2, 800, 512)]
    [InlineData(JinaModels.EmbeddingsV3, 4000, 3000)]
    [InlineData("jina-reranker-m0", 4000, 3000)]
    public async Task PrepareAsync_AtOrUnderTheTarget_OrAnUnknownModel_IsSentByteForByte(string model, int width, int height)
    {
        var original = TestImages.Png((uint)width, (uint)height);

        var prepared = await new SkiaImageDownscaler().PrepareAsync(original, model, Ct);

        Assert.Equal(original, prepared.Data.ToArray());
        Assert.Null(prepared.SentSize);
    }

    [Theory]
    [InlineData("heic")]
    [InlineData("avif")]
    public async Task PrepareAsync_AFormatSkiaCannotDecode_IsSentUnchanged_WithANote(string brand)
    {
        var heif = TestImages.Heif(brand, 4032, 3024);
        var downscaler = new SkiaImageDownscaler();

        var prepared = await downscaler.PrepareAsync(heif, JinaModels.ClipV1, Ct);

        Assert.Equal(heif, prepared.Data.ToArray());
        Assert.Equal($"not downscaled: {brand.ToUpperInvariant()}", prepared.Note);
        Assert.Equal($"not downscaled: {brand.ToUpperInvariant()}", downscaler.Plan(ImageHeaderReader.Read(heif), JinaModels.ClipV1).Note);
    }

    [Fact]
    public async Task ClassifyAndTrain_WithTheDownscaler_SendTheSmallImage()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateJinaClient(o => o.ImagePreprocessor = new SkiaImageDownscaler());
        var classify = client.GetClassificationClient();
        var photo = Photos.Jpeg(4000, 3000);

        var result = await classify.ClassifyAsync([EmbeddingInput.FromImageBytes(photo)], ["cat", "dog"], cancellationToken: Ct);
        await classify.TrainClassifierAsync([new TrainingExample(EmbeddingInput.FromImageBytes(photo), "cat"), TrainingExample.FromText("woof", "dog")], cancellationToken: Ct);

        var classified = Convert.FromBase64String(JsonDocument.Parse(emulator.Requests[0].Body).RootElement.GetProperty("input")[0].GetProperty("image").GetString()!);
        var trained = Convert.FromBase64String(JsonDocument.Parse(emulator.Requests[1].Body).RootElement.GetProperty("input")[0].GetProperty("image").GetString()!);
        Assert.Equal((299, 224), (ImageHeaderReader.Read(classified).Width, ImageHeaderReader.Read(classified).Height));
        Assert.Equal((299, 224), (ImageHeaderReader.Read(trained).Width, ImageHeaderReader.Read(trained).Height));
        Assert.Equal(2_000 + 2 + 2, result.TotalTokens); // 2 tiles for the image sent (not 252), and the two labels (⌈1.1⌉ each)
    }

    [Fact]
    public async Task EmbedAsync_WithTheDownscaler_SendsTheSmallImage_AndIsChargedForIt()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateClient(o => o.ImagePreprocessor = new SkiaImageDownscaler());
        var photo = Photos.Jpeg(4000, 3000);

        var result = await client.EmbedAsync([EmbeddingInput.FromImageBytes(photo), "a photo"], cancellationToken: Ct);

        var sent = Convert.FromBase64String(JsonDocument.Parse(emulator.Requests[0].Body).RootElement.GetProperty("input")[0].GetProperty("image").GetString()!);
        var size = ImageHeaderReader.Read(sent);
        Assert.Equal((299, 224), (size.Width, size.Height));
        Assert.Equal(2_000, result.Usage.ImageTokens); // the emulator charges what is sent: 2 tiles, not 252
        Assert.Equal(2, result.Count);
    }

    [Fact]
    public async Task EmbedAsync_WithoutTheDownscaler_SendsTheOriginal()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateClient();
        var photo = Photos.Jpeg(1280, 848);

        var result = await client.EmbedAsync([EmbeddingInput.FromImageBytes(photo)], cancellationToken: Ct);

        Assert.Contains(Convert.ToBase64String(photo), emulator.Requests[0].Body, StringComparison.Ordinal);
        Assert.Equal(24_000, result.Usage.ImageTokens);
    }

    [Fact]
    public async Task EmbedAsync_ADecompressionBomb_IsRefusedBeforeDecoding_NamingTheInput_AndNothingIsSent()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateClient(o => o.ImagePreprocessor = new SkiaImageDownscaler());
        var bomb = TestImages.Png(30000, 30000);
        Assert.True(bomb.Length < 1024);

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.EmbedAsync(["text", EmbeddingInput.FromImageBytes(bomb)], cancellationToken: Ct));

        Assert.Contains("Input 1 (the image bytes) could not be prepared", ex.Message, StringComparison.Ordinal);
        Assert.Contains("900,000,000 pixels, more than ImageDownscalingOptions.MaxPixels (50,000,000)", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, emulator.RequestCount);
    }

    [Fact]
    public async Task EmbedAsync_SkipBadInputs_AnImageThePreprocessorRefuses_IsReported()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateClient(o => o.ImagePreprocessor = new SkiaImageDownscaler());
        var bomb = TestImages.Png(30000, 30000);

        var result = await client.EmbedAsync(["a text", EmbeddingInput.FromImageBytes(bomb), "another"], new EmbeddingOptions { SkipBadInputs = true }, Ct);

        Assert.Equal([0, 2], result.Select(e => e.Index));
        var failure = Assert.Single(result.Failures);
        Assert.Equal(1, failure.Index);
        Assert.Contains("more than ImageDownscalingOptions.MaxPixels", failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmbedAsync_ACorruptImageFile_IsOneClearErrorNamingTheInput_AndNothingIsSent()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateClient(o => o.ImagePreprocessor = new SkiaImageDownscaler());
        var photo = Photos.Jpeg(1600, 1200);
        var corrupt = photo.AsSpan(0, 400).ToArray().Concat(new byte[4000]).ToArray(); // a good header, then zeros
        using var file = new TempFile(corrupt);

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.EmbedAsync([EmbeddingInput.FromImageFile(file.Path)], cancellationToken: Ct));

        Assert.Contains($"Input 0 (the image file '{file.Path}') could not be prepared", ex.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidDataException>(ex.InnerException);
        Assert.Equal(0, emulator.RequestCount);
    }

    [Fact]
    public async Task ImageGenerator_DataContent_GoesThroughTheDownscaler()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateClient(o => o.ImagePreprocessor = new SkiaImageDownscaler(new() { Mode = DownscaleMode.CenterCrop }));

        var result = await client.AsImageEmbeddingGenerator().GenerateAsync([new DataContent(Photos.Jpeg(1280, 848), "image/jpeg")], cancellationToken: Ct);

        Assert.Equal(1_000, result.Usage!.AdditionalCounts!["image_tokens"]);
    }

    [Fact]
    public async Task BudgetGuard_CountsImagesAsTheyWillBeSent()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateClient(o =>
        {
            o.ImagePreprocessor = new SkiaImageDownscaler();
            o.MaxEstimatedTokensPerCall = 5_000;
        });

        var result = await client.EmbedAsync([EmbeddingInput.FromImageBytes(Photos.Jpeg(4000, 3000))], cancellationToken: Ct);

        Assert.Equal(2_000, result.Usage.TotalTokens); // 252,000 as given would have been refused by the guard
    }

    [Fact]
    public void AddImageDownscaling_SetsThePreprocessorOfThatClientOnly()
    {
        var services = new ServiceCollection();
        services.AddJinaClient(o => o.ApiKey = "k").AddImageDownscaling(d => d.Mode = DownscaleMode.CenterCrop);
        services.AddKeyedJinaClient("plain", o => o.ApiKey = "k");
        using var provider = services.BuildServiceProvider();

        var monitor = provider.GetRequiredService<IOptionsMonitor<JinaClientOptions>>();

        var downscaler = Assert.IsType<SkiaImageDownscaler>(monitor.Get(Options.DefaultName).ImagePreprocessor);
        Assert.Equal(224, downscaler.Plan(JinaClipModelFactory.ImageSize(ImageFormat.Jpeg, 4000, 3000), JinaModels.ClipV1).SentSize!.Value.Width);
        Assert.Null(monitor.Get("plain").ImagePreprocessor);
    }

    [Fact]
    public async Task Estimate_AnImageUrl_IsAsGiven_UnlessUrlsAreDownloaded()
    {
        await using var server = await ImageServer.StartAsync();
        var url = server.Add("photo.jpg", TestImages.Jpeg(4000, 3000));
        var rules = new ImageUrlFetchOptions { AllowNonPublicAddresses = true };
        var asGiven = new TokenEstimatorOptions { ImagePreprocessor = new SkiaImageDownscaler() };
        var downloaded = new TokenEstimatorOptions { ImagePreprocessor = new SkiaImageDownscaler(), DownloadImageUrls = true };
        foreach (var o in new[] { asGiven, downloaded })
        {
            o.ImageUrls.AllowNonPublicAddresses = rules.AllowNonPublicAddresses;
        }

        var server1 = await new TokenEstimator(asGiven).EstimateAsync([EmbeddingInput.FromImageUrl(url)], JinaModels.ClipV1, Ct);
        var sdk = await new TokenEstimator(downloaded).EstimateAsync([EmbeddingInput.FromImageUrl(url)], JinaModels.ClipV1, Ct);

        Assert.Equal(252_000, server1.TotalTokens);
        Assert.Equal("not downscaled: image URLs are fetched by the server", server1.Inputs[0].Note);
        Assert.Equal(2_000, sdk.TotalTokens);
    }

    [Fact]
    public async Task EmbedAsync_DownloadImageUrls_FetchesThroughTheSafeRules_DownscalesAndSendsBase64()
    {
        await using var server = await ImageServer.StartAsync();
        var url = server.Add("photo.jpg", Photos.Jpeg(4000, 3000));
        var emulator = new JinaEmulator();
        using var client = emulator.CreateClient(o =>
        {
            o.ImagePreprocessor = new SkiaImageDownscaler();
            o.DownloadImageUrls = true;
            o.TokenEstimatorOptions = new TokenEstimatorOptions { ImageUrls = { AllowNonPublicAddresses = true } };
        });

        var result = await client.EmbedAsync([EmbeddingInput.FromImageUrl(url)], cancellationToken: Ct);

        var image = JsonDocument.Parse(emulator.Requests[0].Body).RootElement.GetProperty("input")[0].GetProperty("image").GetString()!;
        Assert.DoesNotContain("http", image, StringComparison.Ordinal);
        var size = ImageHeaderReader.Read(Convert.FromBase64String(image));
        Assert.Equal((299, 224), (size.Width, size.Height));
        Assert.Equal(2_000, result.Usage.ImageTokens);
        Assert.All(server.Requests, r => Assert.False(r.HasAuthorization));
    }

    [Fact]
    public async Task EmbedAsync_DownloadImageUrls_AUrlOnALoopbackAddress_IsRefusedByDefault_AndNothingIsSent()
    {
        await using var server = await ImageServer.StartAsync();
        var url = server.Add("photo.jpg", Photos.Jpeg(800, 600));
        var emulator = new JinaEmulator();
        using var client = emulator.CreateClient(o => { o.ImagePreprocessor = new SkiaImageDownscaler(); o.DownloadImageUrls = true; });

        await Assert.ThrowsAsync<JinaUrlRefusedException>(() => client.EmbedAsync([EmbeddingInput.FromImageUrl(url)], cancellationToken: Ct));

        Assert.Equal(0, emulator.RequestCount);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task EmbedAsync_WithoutDownloadImageUrls_AnImageUrlIsSentAsAUrl()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateClient(o => o.ImagePreprocessor = new SkiaImageDownscaler());

        await client.EmbedAsync([EmbeddingInput.FromImageUrl("https://example.com/photo.jpg")], cancellationToken: Ct);

        Assert.Contains("\"image\":\"https://example.com/photo.jpg\"", emulator.Requests[0].Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_OutOfRange_AreRefusedNamingThem()
    {
        var quality = Assert.Throws<ArgumentOutOfRangeException>(() => new SkiaImageDownscaler(new() { JpegQuality = 0 }));
        var pixels = Assert.Throws<ArgumentOutOfRangeException>(() => new SkiaImageDownscaler(new() { EmbeddingsV4MaxPixels = 100 }));

        Assert.Contains("JpegQuality", quality.Message, StringComparison.Ordinal);
        Assert.Contains("EmbeddingsV4MaxPixels", pixels.Message, StringComparison.Ordinal);
    }
}
