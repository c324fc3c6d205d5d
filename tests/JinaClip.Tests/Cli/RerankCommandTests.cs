using System.Text.Json;
using JinaClip.Testing;
using JinaClip.Tests.TestSupport;

namespace JinaClip.Tests.Cli;

/// <summary><c>jinaclip rerank</c>, <c>models</c>, <c>search --rerank</c> and <c>estimate --live-price</c>, offline.</summary>
public sealed class RerankCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"jinaclip-rerank-{Guid.NewGuid():N}");

    public RerankCommandTests()
    {
        Directory.CreateDirectory(_folder);
        for (var i = 0; i < 8; i++)
        {
            File.WriteAllBytes(Path.Combine(_folder, $"photo{i}.jpg"), [0xFF, 0xD8, 0xFF, (byte)i, 1, 2, 3]);
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static Task<(int Exit, string Out, string Err)> Run(params string[] args) => CliRun.Run(CliRun.NoKey, args);

    [Fact]
    public async Task Rerank_AsAProcess_Offline_PrintsResultsByScoreWithTheirOriginalIndex()
    {
        var (exit, stdout, stderr) = await CliRun.RunProcess("rerank", "--query", "a red bicycle", "--text", "a bicycle", "--text", "a banana", "--json");

        Assert.True(exit == 0, stderr);
        var json = JsonDocument.Parse(stdout).RootElement;
        var results = json.GetProperty("results").EnumerateArray().ToArray();
        Assert.Equal([0, 1], results.Select(r => r.GetProperty("index").GetInt32()));
        Assert.Equal(["a bicycle", "a banana"], results.Select(r => r.GetProperty("document").GetString()));
        Assert.True(results[0].GetProperty("score").GetDouble() > results[1].GetProperty("score").GetDouble());
        Assert.Equal("jina-reranker-v2-base-multilingual", json.GetProperty("model").GetString());
        Assert.Contains("offline: local emulator", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rerank_Table_WithAnImage_UsesM0AndListsEveryDocument()
    {
        var (exit, stdout, stderr) = await Run("rerank", "--query", "photo", "--text", "a photo of a cat", "--image", Path.Combine(_folder, "photo1.jpg"), "--top", "2");

        Assert.True(exit == 0, stderr);
        Assert.Matches(@"^rank\s+score\s+index\s+document", stdout);
        Assert.Contains("photo1.jpg", stdout, StringComparison.Ordinal);
        Assert.Contains("a photo of a cat", stdout, StringComparison.Ordinal);
        Assert.Contains("jina-reranker-m0:", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "rerank", "--text", "a" }, "Give the query")]
    [InlineData(new[] { "rerank", "--query", "q" }, "Give at least one document")]
    [InlineData(new[] { "rerank", "--query", "q", "--text", "a", "--model", "jina-reranker-v3", "--image", "https://example.com/a.png" }, "Document 1 is an image")]
    public async Task Rerank_BadInput_ExitsOneWithOneLine(string[] args, string message)
    {
        var (exit, stdout, stderr) = await Run(args);

        Assert.Equal(1, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains(message, Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("error:", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Models_Json_ListsTheEmulatorsCatalogue_AndSaysWhereItCameFrom()
    {
        var (exit, stdout, stderr) = await Run("models", "--json");

        Assert.True(exit == 0, stderr);
        var json = JsonDocument.Parse(stdout).RootElement;
        Assert.Contains("fixture", json.GetProperty("source").GetString(), StringComparison.Ordinal);
        var clip = json.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("id").GetString() == "jina-clip-v1");
        Assert.Equal(768, clip.GetProperty("dimensions").GetInt32());
        Assert.Equal(0.05m, clip.GetProperty("price_per_million_tokens").GetDecimal());
        Assert.Equal(["text", "image"], clip.GetProperty("input_modalities").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains(json.GetProperty("models").EnumerateArray(), m => m.GetProperty("id").GetString() == "jina-reranker-m0");
    }

    [Fact]
    public async Task Models_Table_PrintsARowPerModel()
    {
        var (exit, stdout, _) = await Run("models");

        Assert.Equal(0, exit);
        Assert.Matches(@"jina-clip-v2\s+1024\s+8,192\s+text\+image\s+0\.05", stdout);
        Assert.Contains("max dims", stdout.Split('\n')[0], StringComparison.Ordinal); // nano's 1024 is its largest, not what it answers by default (768)
        Assert.Matches(@"jina-reranker-m0\s+-\s+10,240\s", stdout); // a reranker has no dimensions: a dash, not 0
        Assert.Contains("models, from the local emulator's fixture catalogue", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_Rerank_ReranksTheShortlistWithM0_AndKeepsTheCosine()
    {
        var (exit, stdout, stderr) = await Run("search", "--downscale", "off", "--images", _folder, "--query", "a bridge", "--top", "3", "--rerank", "--candidates", "5", "--json");

        Assert.True(exit == 0, stderr);
        var results = JsonDocument.Parse(stdout).RootElement.GetProperty("results").EnumerateArray().ToArray();
        Assert.Equal(3, results.Length);
        var rerank = results.Select(r => r.GetProperty("rerank_score").GetDouble()).ToArray();
        Assert.Equal(rerank.OrderDescending(), rerank);
        Assert.Contains("reranked the best 5 of 8 with jina-reranker-m0", stderr, StringComparison.Ordinal);

        // The reranked three are the reranker's own best three of the vector search's five.
        using var referenceRoot = new JinaEmulator().CreateJinaClient();
        var reference = referenceRoot.GetEmbeddingsClient();
        var query = await reference.EmbedTextAsync("a bridge", cancellationToken: Ct);
        var files = Directory.GetFiles(_folder).Order(StringComparer.Ordinal).ToArray();
        var cosines = new List<(string Id, float Cosine)>();
        foreach (var file in files)
        {
            var image = await reference.EmbedImageAsync(EmbeddingInput.FromImageFile(file), cancellationToken: Ct);
            cosines.Add((Path.GetFileName(file), VectorMath.CosineSimilarity(query.Span, image.Span)));
        }

        var shortlist = cosines.OrderByDescending(c => c.Cosine).Take(5).ToArray();
        var expected = await referenceRoot.GetRerankClient().RerankAsync("a bridge", shortlist.Select(s => EmbeddingInput.FromImageFile(Path.Combine(_folder, s.Id))),
            new RerankOptions { Model = JinaModels.RerankerM0, TopN = 3 }, Ct);
        Assert.Equal(expected.Select(e => shortlist[e.Index].Id), results.Select(r => r.GetProperty("id").GetString()));
    }

    [Theory]
    [InlineData(new[] { "--rerank", "--candidates", "2", "--top", "3" }, "--candidates (2) must be at least --top (3)")]
    [InlineData(new[] { "--candidates", "5" }, "--candidates goes with --rerank")]
    public async Task Search_RerankOptions_AreChecked(string[] extra, string message)
    {
        var (exit, _, stderr) = await Run(["search", "--downscale", "off", "--images", _folder, "--query", "q", .. extra]);

        Assert.Equal(1, exit);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Estimate_LivePrice_UsesTheCataloguesPrice_AndSaysSo()
    {
        using var png = new TempFile(Images.TestImages.Png(448, 224));

        var (exit, stdout, stderr) = await Run("estimate", png.Path, "--live-price");
        var (jsonExit, json, _) = await Run("estimate", png.Path, "--live-price", "--json");

        Assert.True(exit == 0, stderr);
        Assert.Contains("total 2,000 tokens sent on jina-clip-v1 (an estimate); cost 0.0001 at 0.05 per million (price from the local emulator's fixture catalogue)", stdout, StringComparison.Ordinal);
        Assert.Equal(0, jsonExit);
        var root = JsonDocument.Parse(json).RootElement;
        Assert.Equal(0.0001m, root.GetProperty("cost").GetDecimal());
        Assert.Equal("the local emulator's fixture catalogue", root.GetProperty("price_source").GetString());
    }

    [Fact]
    public async Task Estimate_PriceAndLivePrice_Together_AreRefused()
    {
        using var png = new TempFile(Images.TestImages.Png(10, 10));

        var (exit, _, stderr) = await Run("estimate", png.Path, "--live-price", "--price", "0.1");

        Assert.Equal(1, exit);
        Assert.Contains("Give --price or --live-price, not both.", stderr, StringComparison.Ordinal);
    }
}
