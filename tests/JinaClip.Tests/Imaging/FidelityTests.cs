using JinaClip.Imaging;
using JinaClip.Tests.Docs;

namespace JinaClip.Tests.Imaging;

/// <summary>
/// What the downscaler sends, after the server-side preprocessing it would get, against the model's own preprocessing
/// made with Pillow (<c>Imaging/Fixtures/make_fixtures.py</c>): at least 35 dB PSNR on the 224×224 model input, for
/// every fixture, in both modes and both output encodings.
/// </summary>
public class FidelityTests
{
    private const double Target = 35.0;

    public static string FixtureFolder => Path.Combine(MarkdownSnippets.RepositoryRoot, "tests/JinaClip.Tests/Imaging/Fixtures");

    public static TheoryData<string, DownscaleMode, DownscaleOutputFormat> Cases()
    {
        var data = new TheoryData<string, DownscaleMode, DownscaleOutputFormat>();
        foreach (var line in File.ReadAllLines(Path.Combine(FixtureFolder, "fixtures.txt")))
        {
            var name = line.Split('\t')[0];
            foreach (var mode in new[] { DownscaleMode.ShortestSide, DownscaleMode.CenterCrop })
            {
                foreach (var format in new[] { DownscaleOutputFormat.Jpeg, DownscaleOutputFormat.Png })
                {
                    data.Add(name, mode, format);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Downscaled_ThenPreprocessedByTheServer_MatchesPillowsModelInput(string fixture, DownscaleMode mode, DownscaleOutputFormat format)
    {
        var original = await File.ReadAllBytesAsync(Path.Combine(FixtureFolder, fixture), TestContext.Current.CancellationToken);
        var downscaler = new SkiaImageDownscaler(new ImageDownscalingOptions { Mode = mode, OutputFormat = format });

        var prepared = await downscaler.PrepareAsync(original, JinaModels.ClipV1, TestContext.Current.CancellationToken);

        var (sent, width, height) = ImageFidelity.Decode(prepared.Data.Span);
        Assert.Equal(224, Math.Min(width, height)); // the server's resize is a no-op: only its crop remains
        Assert.Equal((width, height), (prepared.SentSize!.Value.Width, prepared.SentSize.Value.Height));
        var modelInput = ImageFidelity.CenterCrop(sent, width, height, 224);
        var (reference, _, _) = ImageFidelity.Decode(await File.ReadAllBytesAsync(Path.Combine(FixtureFolder, fixture + ".ref224.png"), TestContext.Current.CancellationToken));

        var psnr = ImageFidelity.Psnr(modelInput, reference);
        TestContext.Current.TestOutputHelper?.WriteLine($"{fixture} {mode} {format}: {psnr:0.0} dB, {original.Length:N0} → {prepared.Data.Length:N0} bytes, {width}×{height}");
        Assert.True(psnr >= Target, $"{fixture} ({mode}, {format}): PSNR {psnr:0.00} dB < {Target} dB");
    }
}
