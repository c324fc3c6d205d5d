using System.Text.Json;
using JinaClip.Cli;
using JinaClip.Tests.Images;
using JinaClip.Tests.TestSupport;

namespace JinaClip.Tests.Cli;

/// <summary><c>jinaclip estimate</c>: local estimates from image headers, offline.</summary>
public class EstimateCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<(int Exit, string Out, string Err)> Run(params string[] args) => CliRun.Run(CliRun.NoKey, args);

    [Fact]
    public async Task Estimate_AnImageEmbedWouldRefuse_IsMarkedRefused_NotCounted_AndExits1()
    {
        // 30000×30000: over the downscaler's MaxPixels, so `embed` refuses it; the estimate says so instead of pricing it.
        using var bomb = new TempFile(Images.TestImages.Png(30000, 30000), ".png");

        var (exit, stdout, stderr) = await CliRun.Run(CliRun.NoKey, "estimate", bomb.Path, "--text", "a red dog");

        Assert.Equal(1, exit);
        var row = stdout.Split('\n').Single(l => l.Contains(bomb.Path, StringComparison.Ordinal));
        Assert.Matches(@"^image\s+PNG\s+30,000 30,000\s+17,956\s+refused\s", row);
        Assert.Contains("would be refused: The image claims 30,000×30,000 = 900,000,000 pixels, more than ImageDownscalingOptions.MaxPixels", row, StringComparison.Ordinal);
        Assert.Contains("total 4 tokens sent on jina-clip-v1", stdout, StringComparison.Ordinal);
        Assert.Equal($"error: {bomb.Path}: would be refused: ", stderr.Split('\n')[0][..($"error: {bomb.Path}: would be refused: ".Length)]);
    }

    [Fact]
    public async Task Estimate_NotAnImage_NamesThePathOnce_InTheSameHexStyleAsEmbed()
    {
        using var fake = new TempFile("hello world"u8.ToArray(), ".jpg");

        var (exit, _, stderr) = await CliRun.Run(CliRun.NoKey, "estimate", fake.Path);

        Assert.Equal(1, exit);
        Assert.Equal($"error: {fake.Path}: unrecognised image format: its data starts 68 65 6C 6C 6F 20 77 6F 72 6C 64 (\"hello world\"); PNG, JPEG, GIF, WebP, BMP, TIFF, AVIF and HEIC are read.\n", stderr);
    }

    [Fact]
    public async Task Estimate_Json_GivesFormatSizeTilesTokensPerImage_AndTheTotal()
    {
        using var jpeg = new TempFile(TestImages.Jpeg(750, 500));
        using var heic = new TempFile(TestImages.Heif("heic", 4032, 3024));

        var (exit, stdout, stderr) = await Run("estimate", "--downscale", "off", jpeg.Path, heic.Path, "--text", "a red dog", "--json", "--price", "0.05");

        Assert.True(exit == 0, stderr);
        var json = JsonDocument.Parse(stdout).RootElement;
        var items = json.GetProperty("items").EnumerateArray().ToArray();
        Assert.Equal("JPEG", items[0].GetProperty("format").GetString());
        Assert.Equal(750, items[0].GetProperty("width").GetInt32());
        Assert.Equal(500, items[0].GetProperty("height").GetInt32());
        Assert.Equal(12, items[0].GetProperty("tiles").GetInt64());
        Assert.Equal(12_000, items[0].GetProperty("tokens").GetInt64());
        Assert.Equal("HEIC", items[1].GetProperty("format").GetString());
        Assert.Equal(18 * 14, items[1].GetProperty("tiles").GetInt64());
        Assert.Equal(4, items[2].GetProperty("tokens").GetInt64());
        Assert.Equal(12_000 + 252_000 + 4, json.GetProperty("total_tokens").GetInt64());
        Assert.Equal(0.0132002m, json.GetProperty("cost").GetDecimal());
        Assert.Equal(string.Empty, stderr);
    }

    [Fact]
    public async Task Estimate_LoopbackImageUrl_IsRefusedNamingTheFlag_AndReadWithIt()
    {
        await using var server = await ImageServer.StartAsync();
        var url = server.Add("local.png", TestImages.Png(448, 224)).AbsoluteUri;

        var (refusedExit, refusedOut, refusedErr) = await Run("estimate", url);
        var (exit, stdout, stderr) = await Run("estimate", "--allow-private-urls", url, "--json");

        Assert.Equal(1, refusedExit);
        Assert.Equal(string.Empty, refusedOut);
        Assert.Contains("127.0.0.1, a loopback address", refusedErr, StringComparison.Ordinal);
        Assert.Contains("--allow-private-urls", refusedErr, StringComparison.Ordinal);
        Assert.True(exit == 0, stderr);
        Assert.Equal(2_000, JsonDocument.Parse(stdout).RootElement.GetProperty("total_tokens").GetInt64());
        Assert.Single(server.Requests); // the refused run fetched nothing
    }

    [Fact]
    public async Task Estimate_OneItemFails_ItGetsItsOwnRow_TheOthersAreTotalled_AndTheExitCodeSaysSo()
    {
        using var png = new TempFile(TestImages.Png(448, 224));

        var (exit, stdout, stderr) = await Run("estimate", "--downscale", "off", png.Path, "/no/such/photo.jpg", "--text", "a red dog");

        Assert.Equal(1, exit);
        Assert.Matches(@"image\s+PNG\s+448\s+224\s+2\s+2,000", stdout);
        Assert.Matches(@"image\s+-\s+-\s+-\s+-\s+failed.*/no/such/photo\.jpg", stdout);
        Assert.Contains("total 2,004 tokens sent on jina-clip-v1 (an estimate); 1 item(s) could not be estimated or would be refused, and are not counted", stdout, StringComparison.Ordinal);
        Assert.Contains("error: '/no/such/photo.jpg' is neither an existing file", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Estimate_ImagesOnATextOnlyModel_SayThatTheModelTakesNoImages()
    {
        using var png = new TempFile(TestImages.Png(10, 10));

        var (exit, _, stderr) = await Run("estimate", "--model", "jina-embeddings-v3", png.Path);

        Assert.Equal(1, exit);
        Assert.Contains("jina-embeddings-v3 takes no images (it embeds texts only); estimate images with an image model: --model jina-clip-v1", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Estimate_Table_PrintsARowPerItemAndTheTotal()
    {
        using var png = new TempFile(TestImages.Png(225, 224));

        var (exit, stdout, _) = await Run("estimate", "--downscale", "off", "--model", "jina-clip-v1", png.Path);

        Assert.Equal(0, exit);
        Assert.Matches(@"image\s+PNG\s+225\s+224\s+2\s+2,000", stdout);
        Assert.Contains("total 2,000 tokens sent on jina-clip-v1 (an estimate)", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Estimate_BrokenImage_ExitsNonZeroWithOneLine()
    {
        using var broken = new TempFile(TestImages.Png(100, 100)[..20]);

        var (exit, stdout, stderr) = await Run("estimate", broken.Path);

        Assert.Equal(1, exit);
        Assert.Equal(string.Empty, stdout);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: {broken.Path}: PNG: truncated", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Estimate_Vocab_CountsTextsExactly()
    {
        using var vocab = new TempFile(System.Text.Encoding.UTF8.GetBytes("[UNK]\n[CLS]\n[SEP]\nun\n##believ\n##able\n"));

        var (exit, stdout, stderr) = await Run("estimate", "--text", "Unbelievable", "--vocab", vocab.Path, "--json");

        Assert.True(exit == 0, stderr);
        Assert.Equal(5, JsonDocument.Parse(stdout).RootElement.GetProperty("total_tokens").GetInt64()); // [CLS] un ##believ ##able [SEP]
    }

    [Fact]
    public async Task Estimate_Nothing_IsAnError()
    {
        var (exit, _, stderr) = await Run("estimate");

        Assert.Equal(1, exit);
        Assert.Contains("at least one image", stderr, StringComparison.Ordinal);
    }
}
