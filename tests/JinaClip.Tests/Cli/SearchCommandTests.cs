using System.Text.Json;
using JinaClip.Cli;
using JinaClip.Testing;

using JinaClip.Tests.TestSupport;

namespace JinaClip.Tests.Cli;

/// <summary><c>jinaclip search</c>: index a folder, save and reload, rank images against a text.</summary>
public sealed class SearchCommandTests : IDisposable
{
    private static readonly CliEnvironment NoKey = new(ApiKey: null);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"jinaclip-search-{Guid.NewGuid():N}");

    public SearchCommandTests()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "sub"));
        for (var i = 0; i < 6; i++)
        {
            File.WriteAllBytes(Path.Combine(_folder, i < 4 ? $"photo{i}.jpg" : $"sub/pic{i}.PNG"), [0xFF, 0xD8, 0xFF, (byte)i, 1, 2, 3]);
        }

        File.WriteAllText(Path.Combine(_folder, "notes.txt"), "not an image");
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static Task<(int Exit, string Out, string Err)> Run(params string[] args) => CliRun.Run(CliRun.NoKey, args);

    [Fact]
    public async Task ReadmeFlow_SaveThenSearchTheIndexWithRerank_FromAnotherWorkingFolder_FindsTheImages()
    {
        // As the README shows it: in a project folder, `search --images ./photos --save photos.jcix …`; then, from
        // anywhere, `search --index …/photos.jcix --query … --rerank`.
        var project = Path.Combine(_folder, "project");
        Directory.CreateDirectory(Path.Combine(project, "photos"));
        File.WriteAllBytes(Path.Combine(project, "photos", "purple-flower.jpg"), Imaging.Photos.Jpeg(320, 240));
        File.WriteAllBytes(Path.Combine(project, "photos", "red-dog.jpg"), Imaging.Photos.Jpeg(300, 240));
        var elsewhere = Path.Combine(_folder, "elsewhere");
        Directory.CreateDirectory(elsewhere);

        var saved = await CliRun.RunProcessIn(project, "search", "--images", "./photos", "--save", "photos.jcix", "--query", "a bridge at night", "--top", "2");
        Assert.True(saved.Exit == 0, saved.Err);

        var (exit, stdout, stderr) = await CliRun.RunProcessIn(elsewhere, "search", "--index", Path.Combine("..", "project", "photos.jcix"), "--query", "a red dog", "--rerank", "--json");

        Assert.True(exit == 0, stderr);
        var ids = JsonDocument.Parse(stdout).RootElement.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("id").GetString());
        Assert.Equal(["photos/purple-flower.jpg", "photos/red-dog.jpg"], ids.Order(StringComparer.Ordinal));
        Assert.Contains("reranked the best 2 of 2 with jina-reranker-m0", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_Folder_RanksEveryImageByCosineToTheQuery()
    {
        var (exit, stdout, stderr) = await Run("search", "--downscale", "off", "--images", _folder, "--query", "a bridge", "--top", "10", "--json");

        Assert.True(exit == 0, stderr);
        var results = JsonDocument.Parse(stdout).RootElement.GetProperty("results").EnumerateArray().ToArray();
        Assert.Equal(6, results.Length);
        Assert.Equal(["photo0.jpg", "photo1.jpg", "photo2.jpg", "photo3.jpg", "sub/pic4.PNG", "sub/pic5.PNG"], results.Select(r => r.GetProperty("id").GetString()).Order(StringComparer.Ordinal));
        Assert.Equal([1, 2, 3, 4, 5, 6], results.Select(r => r.GetProperty("rank").GetInt32()));

        // Scores are the cosines the emulator's vectors give, best first.
        using var reference = new JinaEmulator().CreateClient();
        var query = await reference.EmbedTextAsync("a bridge", cancellationToken: Ct);
        foreach (var r in results)
        {
            var image = await reference.EmbedImageAsync(EmbeddingInput.FromImageFile(Path.Combine(_folder, r.GetProperty("id").GetString()!)), cancellationToken: Ct);
            Assert.Equal(VectorMath.CosineSimilarity(query.Span, image.Span), r.GetProperty("score").GetSingle(), 5);
        }

        var scores = results.Select(r => r.GetProperty("score").GetSingle()).ToArray();
        Assert.Equal(scores.OrderDescending(), scores);
        Assert.Contains("6/6 images embedded (6 read)", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_AFolderOf30Images_ShowsProgressPerImage_NotOneJumpTo100Percent()
    {
        var folder = Path.Combine(_folder, "thirty");
        Directory.CreateDirectory(folder);
        for (var i = 0; i < 30; i++)
        {
            File.WriteAllBytes(Path.Combine(folder, $"img{i:00}.jpg"), [0xFF, 0xD8, 0xFF, (byte)i, 1, 2, 3]);
        }

        var (exit, _, stderr) = await Run("search", "--images", folder, "--query", "a bridge", "--top", "1", "--downscale", "off");

        Assert.True(exit == 0, stderr);
        var frames = stderr.Split('\r', '\n').Where(l => l.StartsWith('[')).ToArray();
        var read = frames.Select(f => System.Text.RegularExpressions.Regex.Match(f, @"\((\d+) read\)")).Where(m => m.Success).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Distinct().Order();
        var embedded = frames.Select(f => System.Text.RegularExpressions.Regex.Match(f, @" (\d+)/30 images")).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Distinct().Order();

        // Every image read moves the bar, and images are embedded in requests of a few, so the count rises in steps.
        Assert.Equal(Enumerable.Range(1, 30), read);
        Assert.Equal([0, 8, 16, 24, 30], embedded);
        Assert.Contains("[##############################] 100% 30/30 images embedded (30 read)", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_SaveThenLoad_GivesTheSameRankingWithoutEmbeddingImagesAgain()
    {
        var emulator = new JinaEmulator(new JinaEmulatorOptions { ApiKey = "jina_search" });
        await using var server = await JinaEmulatorServer.StartAsync(emulator, cancellationToken: Ct);
        var indexFile = Path.Combine(_folder, "images.jcix");
        string[] connection = ["--api-key", "jina_search", "--base-url", server.BaseAddress.ToString()];

        var (exit, first, _) = await Run(["search", "--downscale", "off", "--images", _folder, "--save", indexFile, "--query", "dogs", "--top", "3", .. connection]);
        Assert.Equal(0, exit);
        var afterBuild = emulator.RequestCount;

        var (exit2, second, stderr) = await Run(["search", "--index", indexFile, "--query", "dogs", "--top", "3", .. connection]);

        Assert.True(exit2 == 0, stderr);
        Assert.Equal(first, second);
        Assert.Equal(afterBuild + 1, emulator.RequestCount); // the query only
        Assert.Equal(4, second.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length); // header + 3 rows
    }

    [Fact]
    public async Task Search_CorruptIndex_FailsWithOneLine()
    {
        var bad = Path.Combine(_folder, "bad.jcix");
        await File.WriteAllBytesAsync(bad, "JCIX junk"u8.ToArray(), Ct);

        var (exit, _, stderr) = await Run("search", "--downscale", "off", "--index", bad, "--query", "x");

        Assert.Equal(1, exit);
        Assert.StartsWith($"error: --index '{bad}': The index file is", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--query", "x")]
    [InlineData("--images", "FOLDER", "--index", "f.jcix", "--query", "x")]
    [InlineData("--images", "FOLDER")]
    [InlineData("--images", "FOLDER", "--query", "x", "--top", "0")]
    public async Task Search_BadArguments_FailBeforeEmbedding(params string[] args)
    {
        var (exit, stdout, stderr) = await Run(["search", .. args.Select(a => a == "FOLDER" ? _folder : a)]);

        Assert.Equal(1, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.StartsWith("error: ", stderr.Split('\n').Last(l => l.Length > 0), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_FolderWithoutImages_FailsNamingIt()
    {
        var empty = Path.Combine(_folder, "empty");
        Directory.CreateDirectory(empty);

        var (exit, _, stderr) = await Run("search", "--downscale", "off", "--images", empty, "--query", "x");

        Assert.Equal(1, exit);
        Assert.Contains("holds no image files", stderr, StringComparison.Ordinal);
    }
}
