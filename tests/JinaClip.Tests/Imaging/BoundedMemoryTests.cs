using JinaClip.Imaging;
using JinaClip.Testing;
using JinaClip.Tests.Images;
using JinaClip.Tests.TestSupport;

namespace JinaClip.Tests.Imaging;

/// <summary>
/// No image in flight takes more than <see cref="ImageDownscalingOptions.MaxDecodeMemory"/>: the plan worked out from its
/// header, the refusal before decoding, and the process-wide limit on images at once. The measured peaks are in the
/// benchmarks (<c>downscale-report memory</c>).
/// </summary>
[Collection(nameof(UnobservedTaskTests))] // changes the process-wide decode limit: alone, so no other test's decodes count
public class BoundedMemoryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Plan_TheOneBitPngBomb_IsDecodedRowByRow_WithinTwoMegabytes()
    {
        var bomb = PngFiles.OneBitBomb(7064);
        Assert.True(bomb.Length < 8 * 1024, $"{bomb.Length} bytes");

        var plan = DecodePlan.For(bomb, ImageHeaderReader.Read(bomb), (224, 224));

        Assert.Equal(DecodeRoute.Rows, plan.Route);
        Assert.InRange(plan.Bytes, 1, 2 * 1024 * 1024);
    }

    [Fact]
    public async Task PrepareAsync_TheOneBitPngBomb_IsDownscaledFromItsRows()
    {
        var bomb = PngFiles.OneBitBomb(7064);

        var prepared = await new SkiaImageDownscaler().PrepareAsync(bomb, JinaModels.ClipV1, Ct);

        Assert.Equal((224, 224), (prepared.SentSize!.Value.Width, prepared.SentSize.Value.Height));
    }

    public static TheoryData<string, byte[], long> WholeFrames() => new()
    {
        // format, a header claiming 7064×7064 (under MaxPixels), the most memory decoding it whole would take
        { "GIF", TestImages.Gif(7064, 7064), 4L * 7064 * 7064 },
        { "WEBP", TestImages.WebPLossless(7064, 7064), 4L * 7064 * 7064 },
        { "PNG", Interlaced(TestImages.Png(7064, 7064)), 8L * 7064 * 7064 },
    };

    [Theory]
    [MemberData(nameof(WholeFrames))]
    public async Task PrepareAsync_AFormatDecodedWhole_OverTheBudget_IsRefusedBeforeDecoding(string format, byte[] image, long whole)
    {
        var plan = DecodePlan.For(image, ImageHeaderReader.Read(image), (224, 224));
        Assert.Equal(DecodeRoute.Whole, plan.Route);
        Assert.True(plan.Bytes >= whole);

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => new SkiaImageDownscaler().PrepareAsync(image, JinaModels.ClipV1, Ct).AsTask());

        Assert.StartsWith($"The 7,064×7,064 {format} image would take about ", ex.Message, StringComparison.Ordinal);
        Assert.Contains("more than ImageDownscalingOptions.MaxDecodeMemory (64.0 MB); it was not decoded.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmbedAsync_AnImageOverTheMemoryBudget_IsRefusedNamingTheInput_AndNothingIsSent()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateClient(o => o.ImagePreprocessor = new SkiaImageDownscaler());

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.EmbedAsync(["text", EmbeddingInput.FromImageBytes(TestImages.Gif(7064, 7064))], cancellationToken: Ct));

        Assert.Contains("Input 1 (the image bytes) could not be prepared", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ImageDownscalingOptions.MaxDecodeMemory", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, emulator.RequestCount);
    }

    [Fact]
    public async Task PrepareAsync_ALargerBudget_DecodesWhatTheDefaultRefuses()
    {
        var webp = Photos.WebP(2400, 2400); // decoded whole: 23 MB, within 64 MB, refused at 16 MB
        var small = new SkiaImageDownscaler(new ImageDownscalingOptions { MaxDecodeMemory = 16L * 1024 * 1024 });

        await Assert.ThrowsAsync<ArgumentException>(() => small.PrepareAsync(webp, JinaModels.ClipV1, Ct).AsTask());
        var prepared = await new SkiaImageDownscaler().PrepareAsync(webp, JinaModels.ClipV1, Ct);

        Assert.Equal(224, prepared.SentSize!.Value.Width);
    }

    [Fact]
    public async Task PrepareAsync_SixteenAtOnce_NoMoreThanTheLimitAreDecoded_AndAllFinish()
    {
        var photo = Photos.Png(1200, 900);
        var before = SkiaImageDownscaler.MaxConcurrentDecodes;
        SkiaImageDownscaler.MaxConcurrentDecodes = 2;
        try
        {
            DecodeGate.ResetPeak();
            var downscaler = new SkiaImageDownscaler();

            var prepared = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => downscaler.PrepareAsync(photo, JinaModels.ClipV1, Ct).AsTask(), Ct)));

            Assert.All(prepared, p => Assert.Equal(224, p.SentSize!.Value.Height));
            Assert.InRange(DecodeGate.Peak, 1, 2);
        }
        finally
        {
            SkiaImageDownscaler.MaxConcurrentDecodes = before;
        }
    }

    [Fact]
    public async Task PrepareAsync_CancelledWhileWaitingForAPlace_ThrowsAndGivesNoPlaceAway()
    {
        var photo = Photos.Png(600, 400);
        var before = SkiaImageDownscaler.MaxConcurrentDecodes;
        SkiaImageDownscaler.MaxConcurrentDecodes = 1;
        try
        {
            var held = await DecodeGate.EnterAsync(Ct); // the one place, taken
            using var cancel = new CancellationTokenSource();
            var waiting = new SkiaImageDownscaler().PrepareAsync(photo, JinaModels.ClipV1, cancel.Token).AsTask();
            Assert.False(waiting.IsCompleted);

            await cancel.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
            held.Dispose();

            var prepared = await new SkiaImageDownscaler().PrepareAsync(photo, JinaModels.ClipV1, Ct); // the place is free again
            Assert.Equal(224, prepared.SentSize!.Value.Height);
        }
        finally
        {
            SkiaImageDownscaler.MaxConcurrentDecodes = before;
        }
    }

    [Fact]
    public void MaxConcurrentDecodes_BelowOne_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SkiaImageDownscaler.MaxConcurrentDecodes = 0);

    [Fact]
    public void Options_ABudgetUnderOneMebibyte_IsRefused()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new SkiaImageDownscaler(new ImageDownscalingOptions { MaxDecodeMemory = 1000 }));

        Assert.Contains("MaxDecodeMemory must be at least 1 MiB", ex.Message, StringComparison.Ordinal);
    }

    private static byte[] Interlaced(byte[] png)
    {
        png[28] = 1;
        return png;
    }
}
