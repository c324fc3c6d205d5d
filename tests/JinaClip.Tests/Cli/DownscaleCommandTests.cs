using System.Text.Json;
using JinaClip.Cli.Commands;
using JinaClip.Tests.TestSupport;

namespace JinaClip.Tests.Cli;

/// <summary><c>--downscale auto|crop|off</c> on <c>embed</c>, <c>demo</c> and <c>estimate</c>: auto is the CLI's default.</summary>
public sealed class DownscaleCommandTests : IDisposable
{
    private readonly TempFile _photo = new(DemoCommand.SamplePhoto());

    public void Dispose() => _photo.Dispose();

    private static Task<(int Exit, string Out, string Err)> Run(params string[] args) => CliRun.Run(CliRun.NoKey, args);

    [Theory]
    [InlineData(null, "299×224", 2, 2_000)]
    [InlineData("auto", "299×224", 2, 2_000)]
    [InlineData("crop", "224×224", 1, 1_000)]
    [InlineData("off", "4000×3000", 252, 252_000)]
    public async Task Estimate_ShowsTheOriginalAndTheSentSizeTilesAndTokens_AndTheSaving(string? mode, string sent, long sentTiles, long sentTokens)
    {
        string[] args = mode is null ? ["estimate", _photo.Path, "--json"] : ["estimate", _photo.Path, "--json", "--downscale", mode];

        var (exit, stdout, stderr) = await Run(args);

        Assert.True(exit == 0, stderr);
        var json = JsonDocument.Parse(stdout).RootElement;
        var item = json.GetProperty("items")[0];
        Assert.Equal((4000, 3000, 252L, 252_000L), (item.GetProperty("width").GetInt32(), item.GetProperty("height").GetInt32(), item.GetProperty("tiles").GetInt64(), item.GetProperty("tokens").GetInt64()));
        Assert.Equal(sent, $"{item.GetProperty("sent_width").GetInt32()}×{item.GetProperty("sent_height").GetInt32()}");
        Assert.Equal((sentTiles, sentTokens), (item.GetProperty("sent_tiles").GetInt64(), item.GetProperty("sent_tokens").GetInt64()));
        Assert.Equal(sentTokens, json.GetProperty("total_tokens").GetInt64());
        Assert.Equal(252_000, json.GetProperty("original_total_tokens").GetInt64());
    }

    [Fact]
    public async Task Estimate_Table_SaysWhatIsSaved()
    {
        var (exit, stdout, _) = await Run("estimate", _photo.Path);

        Assert.Equal(0, exit);
        Assert.Matches(@"image\s+JPEG\s+4,000\s+3,000\s+252\s+252,000\s+299×224\s+2\s+2,000", stdout);
        Assert.Contains("total 2,000 tokens sent on jina-clip-v1 (an estimate); 252,000 as given, 250,000 saved with --downscale auto", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Embed_ByDefault_SendsTheDownscaledImage_AndReportsWhatItSaved()
    {
        var (exit, stdout, stderr) = await Run("embed", "--image", _photo.Path, "--json");

        Assert.True(exit == 0, stderr);
        Assert.Equal(2_000, JsonDocument.Parse(stdout).RootElement.GetProperty("usage").GetProperty("image_tokens").GetInt64());
        Assert.Contains("images: 2,000 tokens sent (--downscale auto); as given they would have cost 252,000", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Embed_DownscaleOff_SendsTheOriginal()
    {
        var (exit, stdout, stderr) = await Run("embed", "--image", _photo.Path, "--json", "--downscale", "off");

        Assert.True(exit == 0, stderr);
        Assert.Equal(252_000, JsonDocument.Parse(stdout).RootElement.GetProperty("usage").GetProperty("image_tokens").GetInt64());
        Assert.DoesNotContain("images:", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_Json_ShowsThePhotosCostAsGivenAndAsSent()
    {
        var (exit, stdout, stderr) = await Run("demo", "--json");

        Assert.True(exit == 0, stderr);
        var photo = JsonDocument.Parse(stdout).RootElement.GetProperty("photo");
        Assert.Equal("4000×3000", photo.GetProperty("original").GetString());
        Assert.Equal(252_000, photo.GetProperty("original_tokens").GetInt64());
        Assert.Equal("299×224", photo.GetProperty("sent").GetString());
        Assert.Equal(2_000, photo.GetProperty("tokens_used").GetInt64());
    }

    [Fact]
    public async Task Downscale_AnUnknownValue_IsAnErrorListingTheChoices()
    {
        var (exit, _, stderr) = await Run("embed", "--image", _photo.Path, "--downscale", "tiny");

        Assert.Equal(2, exit);
        Assert.Contains("tiny", stderr, StringComparison.Ordinal);
    }
}
