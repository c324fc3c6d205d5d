using System.Text.Json;
using JinaClip.Cli;
using JinaClip.Cli.Commands;
using JinaClip.Testing;
using JinaClip.Tests.TestSupport;

namespace JinaClip.Tests.Cli;

/// <summary>The <c>jinaclip</c> commands run in-process, offline on the emulator or against a loopback emulator server.</summary>
public class CliTests
{
    private static readonly CliEnvironment NoKey = new(ApiKey: null);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<(int Exit, string Out, string Err)> Run(CliEnvironment environment, params string[] args) => CliRun.Run(environment, args);

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Fact]
    public async Task Demo_NoKey_RunsOfflineAndPrintsSizesCosineAndTokens()
    {
        var (exit, stdout, stderr) = await Run(NoKey, "demo");

        Assert.Equal(0, exit);
        Assert.Equal([ClientFactory.OfflineNotice], Lines(stderr));
        Assert.Contains("\"Bridge close-shot\" -> 768 dimensions", stdout, StringComparison.Ordinal);
        Assert.Contains("-> 768 dimensions", Lines(stdout)[3], StringComparison.Ordinal);
        Assert.Matches(@"cosine\s+-?0\.\d{4}", stdout);
        Assert.Contains("tokens used   1003 (1000 for images)\n              image tokens not measured: the offline emulator cannot fetch image URLs and charges each one 224×224 tile", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_Json_WritesTheFigures()
    {
        var (exit, stdout, _) = await Run(NoKey, "demo", "--json");

        Assert.Equal(0, exit);
        var json = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal("jina-clip-v1", json.GetProperty("model").GetString());
        Assert.False(json.GetProperty("image_tokens_measured").GetBoolean()); // offline: the emulator cannot fetch the URL
        Assert.Equal(768, json.GetProperty("text_dimensions").GetInt32());
        Assert.Equal(768, json.GetProperty("image_dimensions").GetInt32());
        Assert.Equal(1003, json.GetProperty("usage").GetProperty("total_tokens").GetInt32());
        Assert.True(json.GetProperty("offline").GetBoolean());
        Assert.InRange(json.GetProperty("cosine").GetSingle(), -1f, 1f);
    }

    [Fact]
    public async Task Demo_WithKeyAndBaseUrl_CallsThatEndpoint_TheLaunchExampleThenTheDownscaledPhoto()
    {
        await using var server = await JinaEmulatorServer.StartAsync(new JinaEmulator(new JinaEmulatorOptions { ApiKey = "jina_cli" }), cancellationToken: Ct);

        var (exit, _, stderr) = await Run(NoKey, "demo", "--api-key", "jina_cli", "--base-url", server.BaseAddress.ToString());

        Assert.Equal(0, exit);
        Assert.Empty(stderr);
        Assert.Equal(2, server.Emulator.RequestCount);
        Assert.Equal(
            $$"""{"model":"jina-clip-v1","input":[{"text":"Bridge close-shot"},{"image":"{{DemoCommand.ImageUrl}}"}],"embedding_type":"base64"}""",
            server.Emulator.Requests[0].Body);
        var photo = System.Text.Json.JsonDocument.Parse(server.Emulator.Requests[1].Body).RootElement.GetProperty("input")[0].GetProperty("image").GetString()!;
        var sent = ImageHeaderReader.Read(Convert.FromBase64String(photo));
        Assert.Equal((299, 224), (sent.Width, sent.Height)); // --downscale auto, the CLI's default
    }

    [Fact]
    public async Task Demo_KeyFromEnvironment_IsUsed()
    {
        await using var server = await JinaEmulatorServer.StartAsync(new JinaEmulator(new JinaEmulatorOptions { ApiKey = "jina_env" }), cancellationToken: Ct);

        var (exit, _, _) = await Run(new CliEnvironment("jina_env"), "demo", "--base-url", server.BaseAddress.ToString());

        Assert.Equal(0, exit);
        Assert.Equal(2, server.Emulator.RequestCount);
    }

    [Fact]
    public async Task Demo_WrongKey_ExitsNonZeroWithOneLineNamingTheApiError()
    {
        await using var server = await JinaEmulatorServer.StartAsync(new JinaEmulator(new JinaEmulatorOptions { ApiKey = "jina_right" }), cancellationToken: Ct);

        var (exit, stdout, stderr) = await Run(NoKey, "demo", "--api-key", "jina_wrong", "--base-url", server.BaseAddress.ToString());

        Assert.Equal(1, exit);
        Assert.Empty(stdout);
        var line = Assert.Single(Lines(stderr));
        Assert.StartsWith("error: The Jina API answered 401", line, StringComparison.Ordinal);
        Assert.Contains("AUTH_INVALID_API_KEY", line, StringComparison.Ordinal);
        Assert.DoesNotContain("jina_wrong", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_BaseUrlWithoutKey_ExitsNonZero()
    {
        var (exit, _, stderr) = await Run(NoKey, "demo", "--base-url", "https://api.jina.ai/");

        Assert.Equal(1, exit);
        Assert.Contains("--base-url needs an API key", Assert.Single(Lines(stderr)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Embed_Json_KeepsCommandLineOrderAndMatchesTheLibrary()
    {
        using var file = new TempFile(Convert.FromBase64String("R0lGODlhAQABAAAAACw="));
        var (exit, stdout, _) = await Run(NoKey, "embed", "--image", "https://example.com/a.jpg", "--text", "first", "--image", file.Path, "--text", "second", "--json");

        Assert.Equal(0, exit);
        var data = JsonDocument.Parse(stdout).RootElement.GetProperty("data").EnumerateArray().ToArray();
        Assert.Equal(["image", "text", "image", "text"], data.Select(d => d.GetProperty("kind").GetString()));
        Assert.Equal(["https://example.com/a.jpg", "first", file.Path, "second"], data.Select(d => d.GetProperty("input").GetString()));
        Assert.Equal([0, 1, 2, 3], data.Select(d => d.GetProperty("index").GetInt32()));

        using var client = new JinaEmulator().CreateClient();
        var expected = await client.EmbedTextAsync("second", cancellationToken: Ct);
        Assert.Equal(expected.ToArray(), data[3].GetProperty("embedding").EnumerateArray().Select(v => v.GetSingle()));
    }

    [Fact]
    public async Task Embed_HtmlPageSavedAsJpg_ExitsNonZeroNamingTheFileAndItsFirstBytes()
    {
        using var file = new TempFile(System.Text.Encoding.ASCII.GetBytes("<!DOCTYPE html><title>404</title>"));

        var (exit, stdout, stderr) = await Run(NoKey, "embed", "--text", "a caption", "--image", file.Path);

        Assert.NotEqual(0, exit);
        Assert.Empty(stdout);
        var error = Assert.Single(Lines(stderr), l => l.StartsWith("error: ", StringComparison.Ordinal));
        Assert.Contains($"Input 1 (the image file '{file.Path}') is not an image the SDK recognises", error, StringComparison.Ordinal);
        Assert.Contains("(\"<!DOCTYPE html><\")", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Embed_ModelDimensionsAndTask_AreApplied()
    {
        var (exit, stdout, _) = await Run(NoKey, "embed", "--text", "a", "--model", "jina-clip-v2", "--dimensions", "64", "--task", "retrieval.query", "--json");

        Assert.Equal(0, exit);
        var json = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal("jina-clip-v2", json.GetProperty("model").GetString());
        Assert.Equal(64, json.GetProperty("data")[0].GetProperty("dimensions").GetInt32());
        Assert.Equal(64, json.GetProperty("data")[0].GetProperty("embedding").GetArrayLength());
    }

    [Fact]
    public async Task Embed_Table_ListsEveryInput()
    {
        var (exit, stdout, _) = await Run(NoKey, "embed", "--text", "a dog", "--text", "a cat");

        Assert.Equal(0, exit);
        var lines = Lines(stdout);
        Assert.Equal(4, lines.Length);
        Assert.EndsWith("a dog", lines[1], StringComparison.Ordinal);
        Assert.EndsWith("a cat", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("model jina-clip-v1; tokens used 6", lines[3], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "embed" }, "at least one input")]
    [InlineData(new[] { "embed", "--image", "/definitely/missing.png" }, "/definitely/missing.png")]
    [InlineData(new[] { "embed", "--text", "a", "--task", "retrieval.query" }, "does not accept 'task'")]
    [InlineData(new[] { "embed", "--text", "a", "--model", "jina-clip-v2", "--dimensions", "4096" }, "1 to 1024")]
    [InlineData(new[] { "similarity", "--text", "a" }, "exactly two inputs")]
    [InlineData(new[] { "similarity", "--text", "a", "--text", "b", "--text", "c" }, "exactly two inputs")]
    [InlineData(new[] { "bogus" }, "bogus")]
    [InlineData(new[] { "embed", "--dimensions", "many" }, "many")]
    public async Task BadInput_ExitsNonZeroWithOneLineOnStderr(string[] args, string named)
    {
        var (exit, stdout, stderr) = await Run(NoKey, args);

        Assert.NotEqual(0, exit);
        Assert.Empty(stdout);
        var error = Assert.Single(Lines(stderr), l => l.StartsWith("error: ", StringComparison.Ordinal));
        Assert.Contains(named, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Similarity_PrintsTheCosineOfTheTwoVectors()
    {
        var (exit, stdout, _) = await Run(NoKey, "similarity", "--text", "a red dog", "--image", "https://example.com/dog.jpg", "--json");

        Assert.Equal(0, exit);
        using var client = new JinaEmulator().CreateClient();
        var result = await client.EmbedAsync(["a red dog", EmbeddingInput.FromImageUrl("https://example.com/dog.jpg")], cancellationToken: Ct);
        var expected = VectorMath.CosineSimilarity(result[0], result[1]);
        Assert.Equal(expected, JsonDocument.Parse(stdout).RootElement.GetProperty("cosine").GetSingle(), 5);
    }

    [Fact]
    public async Task Similarity_SameTextTwice_IsOne()
    {
        var (exit, stdout, _) = await Run(NoKey, "similarity", "--text", "same", "--text", "same");

        Assert.Equal(0, exit);
        Assert.Equal("1.0000", stdout.Trim());
    }
}
