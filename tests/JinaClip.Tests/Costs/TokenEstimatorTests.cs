using System.Text.Json;
using JinaClip.Testing;
using JinaClip.Tests.Images;
using JinaClip.Tests.TestSupport;

namespace JinaClip.Tests.Costs;

public class TokenEstimatorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(750, 500, 12)]          // the launch post: 4 × 3 tiles = 12,000 tokens
    [InlineData(4000, 3000, 252)]       // 18 × 14
    [InlineData(1, 1, 1)]
    [InlineData(223, 223, 1)]
    [InlineData(224, 224, 1)]
    [InlineData(225, 224, 2)]
    [InlineData(447, 448, 4)]
    [InlineData(449, 449, 9)]
    [InlineData(896, 896, 16)]          // a user's measurement: 16,000 tokens
    public void ClipV1_Tiles224_1000TokensEach(int w, int h, long tiles)
    {
        var (t, tokens) = new TokenEstimator().EstimateImage(new ImageSize(ImageFormat.Jpeg, w, h), JinaModels.ClipV1);

        Assert.Equal(tiles, t);
        Assert.Equal(tiles * 1000, tokens);
    }

    [Theory]
    [InlineData(511, 512, 1)]
    [InlineData(513, 512, 2)]
    [InlineData(1024, 1025, 6)]
    public void ClipV2_Tiles512_4000TokensEach(int w, int h, long tiles) =>
        Assert.Equal((tiles, tiles * 4000), new TokenEstimator().EstimateImage(new ImageSize(ImageFormat.Png, w, h), JinaModels.ClipV2));

    [Fact]
    public void Rules_AreOverridable_AndAMissingRuleIsNamed()
    {
        var options = new TokenEstimatorOptions();
        options.ImageRules[JinaModels.ClipV2] = new ImageTokenRule(256, 100);
        var estimator = new TokenEstimator(options);

        Assert.Equal((4L, 400L), estimator.EstimateImage(new ImageSize(ImageFormat.Png, 512, 512), JinaModels.ClipV2));
        var ex = Assert.Throws<ArgumentException>(() => estimator.EstimateImage(new ImageSize(ImageFormat.Png, 1, 1), "my-model"));
        Assert.Contains("No image token rule for model 'my-model'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", 1)]
    [InlineData("one", 2)]
    [InlineData("one two three", 4)]
    [InlineData("  ten  words here for the estimate of one point one  ", 11)]
    public void Text_IsCeilingOf1Point1PerWord(string text, long tokens) =>
        Assert.Equal(tokens, new TokenEstimator().EstimateText(text));

    [Fact]
    public void Text_CustomCounter_IsUsed() =>
        Assert.Equal(7, new TokenEstimator(new TokenEstimatorOptions { TextTokenCounter = t => t.Length + 2 }).EstimateText("hello"));

    [Fact]
    public async Task EstimateAsync_EveryInputKind_BreaksDownAndTotals()
    {
        using var file = new TempFile(TestImages.Jpeg(4000, 3000, exifBytes: 10_000));
        var stream = new MemoryStream([.. new byte[10], .. TestImages.Gif(300, 300)]) { Position = 10 };
        EmbeddingInput[] inputs =
        [
            "a photo of a bridge",
            EmbeddingInput.FromImageBytes(TestImages.Png(750, 500)),
            EmbeddingInput.FromImageFile(file.Path),
            EmbeddingInput.FromImageStream(stream),
        ];

        var estimate = await new TokenEstimator().EstimateAsync(inputs, JinaModels.ClipV1, Ct);

        Assert.Equal([6L, 12_000L, 252_000L, 4_000L], estimate.Inputs.Select(i => i.Tokens));
        Assert.Equal(new ImageSize(ImageFormat.Jpeg, 4000, 3000), estimate.Inputs[2].Image);
        Assert.Equal(252, estimate.Inputs[2].Tiles);
        Assert.Equal(268_006, estimate.TotalTokens);
        Assert.Equal(0.0134003m, estimate.Cost(0.05m));
        Assert.Equal(10, stream.Position); // restored, so the stream can still be sent
    }

    [Fact]
    public async Task EstimateAsync_NonSeekableStream_IsRefusedClearly()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => new TokenEstimator().EstimateAsync(
            [EmbeddingInput.FromImageStream(new ForwardOnlyStream(TestImages.Png(1, 1)))], JinaModels.ClipV1, Ct));

        Assert.Contains("Input 0: a stream that cannot seek", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BudgetGuard_OverTheLimit_ThrowsBeforeSending_NamingEstimateAndLimit()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateClient(o => o.MaxEstimatedTokensPerCall = 100_000);

        var ex = await Assert.ThrowsAsync<JinaTokenBudgetException>(() =>
            client.EmbedAsync(["cheap text", EmbeddingInput.FromImageBytes(TestImages.Jpeg(4000, 3000))], cancellationToken: Ct));

        Assert.Equal(0, emulator.RequestCount);
        Assert.Equal(252_003, ex.Estimate.TotalTokens);
        Assert.Equal(100_000, ex.Limit);
        Assert.Contains("estimated at 252,003 tokens, over the budget of 100,000", ex.Message, StringComparison.Ordinal);
        Assert.Contains("image 1 (4000×3000, 252 tiles, 252,000 tokens)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BudgetGuard_UnderTheLimit_Sends_AndTheEmulatorChargesTheSameTiles()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateClient(o => o.MaxEstimatedTokensPerCall = 20_000);

        var result = await client.EmbedAsync(["a b c", EmbeddingInput.FromImageBytes(TestImages.Png(750, 500))], cancellationToken: Ct);

        Assert.Equal(1, emulator.RequestCount);
        Assert.Equal(12_004, result.Usage.TotalTokens);
        Assert.Equal(12_000, result.Usage.ImageTokens);
    }

    [Fact]
    public void BudgetGuard_BelowOne_IsRejectedAtConstruction() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new JinaEmbeddingClient(new JinaClientOptions { ApiKey = "k", MaxEstimatedTokensPerCall = 0 }));

    [Fact]
    public async Task Emulator_ChargesClipV2ImagesBy512Tiles()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateClient();

        var result = await client.EmbedAsync([EmbeddingInput.FromImageBytes(TestImages.WebPLossless(1024, 1000))], new EmbeddingOptions { Model = JinaModels.ClipV2 }, Ct);

        Assert.Equal(16_000, result.Usage.ImageTokens); // 2 × 2 tiles × 4,000
        Assert.Equal(1, JsonDocument.Parse(emulator.Requests[0].Body).RootElement.GetProperty("input").GetArrayLength());
    }
}
