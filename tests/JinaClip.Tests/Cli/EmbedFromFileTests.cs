using System.Text;
using System.Text.Json;
using JinaClip.Cli;
using JinaClip.Cli.Commands;
using JinaClip.Testing;
using JinaClip.Tests.TestSupport;

namespace JinaClip.Tests.Cli;

/// <summary><c>jinaclip embed --from-file</c>: line order, progress on stderr, concurrency, and bad files.</summary>
public class EmbedFromFileTests
{
    private static readonly CliEnvironment NoKey = new(ApiKey: null);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<(int Exit, string Out, string Err)> Run(params string[] args) => CliRun.Run(CliRun.NoKey, args);

    private static TempFile Lines(IEnumerable<string> lines) => new(Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n"));

    [Fact]
    public async Task FromFile_Json_WritesOneVectorPerLineInLineOrder()
    {
        var texts = Enumerable.Range(0, 250).Select(i => $"catalogue item {i}").ToArray();
        using var file = Lines(texts);

        var (exit, stdout, stderr) = await Run("embed", "--from-file", file.Path, "--json", "--concurrency", "3");

        Assert.Equal(0, exit);
        var json = JsonDocument.Parse(stdout).RootElement;
        var data = json.GetProperty("data").EnumerateArray().ToArray();
        Assert.Equal(250, data.Length);
        Assert.Equal(Enumerable.Range(0, 250), data.Select(d => d.GetProperty("index").GetInt32()));
        Assert.Equal(texts, data.Select(d => d.GetProperty("input").GetString()));

        using var reference = new JinaEmulator().CreateClient();
        var expected = await reference.EmbedTextAsync(texts[137], cancellationToken: Ct);
        Assert.Equal(expected.ToArray(), data[137].GetProperty("embedding").EnumerateArray().Select(v => v.GetSingle()));
        // Three words a line: ⌈3 × 1.1⌉ = 4 tokens each in the emulator.
        Assert.Equal(250 * 4, json.GetProperty("usage").GetProperty("total_tokens").GetInt32());
        Assert.Contains("250/250 inputs", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FromFile_ManyLines_DrawsAProgressBarOnStderrNotStdout()
    {
        using var file = Lines(Enumerable.Range(0, FileEmbedding.ProgressThreshold).Select(i => $"line {i}"));

        var (exit, stdout, stderr) = await Run("embed", "--from-file", file.Path);

        Assert.Equal(0, exit);
        Assert.Contains("\r[##############################] 100% 100/100 inputs, 300 tokens, 0 retries", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("inputs,", stdout, StringComparison.Ordinal);
        Assert.Contains("model jina-clip-v1; 100 lines; tokens used 300; retries 0", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FromFile_FewLines_NoProgressBar()
    {
        using var file = Lines(["one", "two"]);

        var (exit, _, stderr) = await Run("embed", "--from-file", file.Path);

        Assert.Equal(0, exit);
        Assert.DoesNotContain("inputs,", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void ProgressBar_RendersFractionTokensAndRetries()
    {
        var line = ProgressBar.Render(new EmbeddingProgress(500, 12_345, 2), 2000);

        Assert.Equal("[########......................]  25% 500/2000 inputs, 12,345 tokens, 2 retries", line);
        Assert.Equal(
            "[########......................]  25% 8/32 images embedded (13 read), 8,000 tokens, 0 retries",
            ProgressBar.Render(new EmbeddingProgress(8, 8_000, 0), 32, "images", read: 13));
    }

    [Fact]
    public async Task FromFile_BlankLine_IsSkippedAndListed_TheRestEmbedded_Exit3()
    {
        using var file = Lines(["one", "", "three"]);

        var (exit, stdout, stderr) = await Run("embed", "--from-file", file.Path, "--json");

        Assert.Equal(3, exit);
        var data = JsonDocument.Parse(stdout).RootElement.GetProperty("data").EnumerateArray().ToArray();
        Assert.Equal([0, 2], data.Select(d => d.GetProperty("index").GetInt32()));
        Assert.Equal(["one", "three"], data.Select(d => d.GetProperty("input").GetString()));
        Assert.EndsWith("\nskipped line 2: it is blank\n", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FromFile_Missing_FailsNamingThePath()
    {
        var (exit, _, stderr) = await Run("embed", "--from-file", "/no/such/file.txt");

        Assert.Equal(1, exit);
        Assert.Contains("--from-file '/no/such/file.txt' does not exist", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FromFile_WithText_IsRejected()
    {
        using var file = Lines(["one"]);

        var (exit, _, stderr) = await Run("embed", "--from-file", file.Path, "--text", "two");

        Assert.Equal(1, exit);
        Assert.Contains("cannot be combined", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-2")]
    public async Task Concurrency_BelowOne_IsRejected(string value)
    {
        var (exit, _, stderr) = await Run("embed", "--text", "a", "--concurrency", value);

        Assert.Equal(1, exit);
        Assert.Contains("--concurrency must be at least 1", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FromFile_AgainstTheServer_SplitsIntoBatchesAndKeepsLineOrder()
    {
        var emulator = new JinaEmulator(new JinaEmulatorOptions { ApiKey = "jina_file" });
        await using var server = await JinaEmulatorServer.StartAsync(emulator, cancellationToken: Ct);
        var texts = Enumerable.Range(0, 2100).Select(i => $"t{i}").ToArray();
        using var file = Lines(texts);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = await CliApp.RunAsync(
            ["embed", "--from-file", file.Path, "--json", "--dimensions", "4", "--model", "jina-clip-v2", "--concurrency", "2", "--api-key", "jina_file", "--base-url", server.BaseAddress.ToString()],
            stdout, stderr, NoKey, Ct);

        Assert.True(exit == 0, stderr.ToString());
        var data = JsonDocument.Parse(stdout.ToString()).RootElement.GetProperty("data").EnumerateArray().ToArray();
        Assert.Equal(texts, data.Select(d => d.GetProperty("input").GetString()));
        Assert.Equal(2, emulator.RequestCount);
    }
}
