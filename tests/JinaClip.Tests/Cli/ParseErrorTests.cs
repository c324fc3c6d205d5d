using JinaClip.Tests.TestSupport;

namespace JinaClip.Tests.Cli;

/// <summary>Command-line mistakes get one clear line in the CLI's words, with a suggestion where one is near.</summary>
public class ParseErrorTests
{
    private static Task<(int Exit, string Out, string Err)> Run(params string[] args) => CliRun.Run(CliRun.NoKey, args);

    [Theory]
    [InlineData(new[] { "demoo" }, "error: 'demoo' is not a jinaclip command. Did you mean 'demo'? (see 'jinaclip --help')")]
    [InlineData(new[] { "rerankk", "--query", "q" }, "error: 'rerankk' is not a jinaclip command. Did you mean 'rerank'? (see 'jinaclip --help')")]
    [InlineData(new[] { "embed", "--textt", "a" }, "error: '--textt' is not an option of 'jinaclip embed'. Did you mean '--text'? (see 'jinaclip --help')")]
    [InlineData(new[] { "frobnicate" }, "error: 'frobnicate' is not a jinaclip command. (see 'jinaclip --help')")]
    [InlineData(new[] { "embed", "--dimensions", "many", "--text", "a" }, "error: 'many' is not a valid value for --dimensions: expected a whole number. (see 'jinaclip --help')")]
    [InlineData(new string[0], "error: 'jinaclip' needs a command: demo, embed, similarity, search, rerank, classify, classifiers, models, estimate. (see 'jinaclip --help')")]
    [InlineData(new[] { "search", "--top", "x" }, "error: 'x' is not a valid value for --top: expected a whole number. (see 'jinaclip --help')")]
    [InlineData(new[] { "embed", "--text", "a", "--downscale", "bogus" }, "error: 'bogus' is not a valid value for --downscale: expected auto, crop or off. (see 'jinaclip --help')")]
    public async Task AMistake_IsOneLine_InTheClisWords(string[] args, string expected)
    {
        var (exit, stdout, stderr) = await Run(args);

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.Equal(expected, Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)).TrimEnd('\r'));
        Assert.DoesNotContain("System.", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help", "  jinaclip [command] [options]")]
    [InlineData("embed --help", "  jinaclip embed [options]")]
    [InlineData("estimate --help", "  jinaclip estimate [<ITEM>...] [options]")]
    public async Task Help_AsAProcess_CallsTheToolJinaclip(string args, string usage)
    {
        // Run as the process a user starts (dotnet JinaClip.Cli.dll): the usage line names the tool's command, never the
        // assembly (System.CommandLine's RootCommand would take "JinaClip.Cli" from the executable).
        var (exit, stdout, _) = await CliRun.RunProcess(args.Split(' '));

        Assert.Equal(0, exit);
        Assert.Contains("Usage:\n" + usage + "\n", stdout.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.DoesNotContain("JinaClip.Cli", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Similarity_WithOneInput_SaysOneWasGiven()
    {
        var (exit, _, stderr) = await Run("similarity", "--text", "a");

        Assert.Equal(1, exit);
        Assert.Contains("1 was given", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ShowsEachDefaultOnce()
    {
        var (_, stdout, _) = await Run("search", "--help");

        var top = Assert.Single(stdout.Split('\n'), l => l.TrimStart().StartsWith("--top ", StringComparison.Ordinal));
        Assert.Equal(1, top.Split("default", StringSplitOptions.None).Length - 1);
    }

    [Fact]
    public async Task Offline_AnErrorFromTheEmulator_SaysTheLocalEmulatorAnswered()
    {
        var (exit, _, stderr) = await Run("embed", "--text", "a", "--model", "jina-unknown");

        Assert.Equal(1, exit);
        Assert.Contains("error: The local emulator answered 400 Bad Request [INPUT_MODEL_NOT_FOUND]", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Jina API answered", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Online_AnErrorFromTheEndpoint_SaysTheJinaApiAnswered()
    {
        await using var server = await JinaClip.Testing.JinaEmulatorServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);

        var (exit, _, stderr) = await CliRun.Run(new JinaClip.Cli.CliEnvironment("jina_key"), "embed", "--text", "a", "--model", "jina-unknown", "--base-url", server.BaseAddress.ToString());

        Assert.Equal(1, exit);
        Assert.Contains("error: The Jina API answered 400", stderr, StringComparison.Ordinal);
    }
}
