using System.Diagnostics;
using System.Text.Json;
using JinaClip.Tests.TestSupport;

namespace JinaClip.Tests.Samples;

/// <summary>The README's curl commands for the web sample, run as written (port swapped) against the sample started with <c>dotnet run</c>.</summary>
[Collection(nameof(WebSampleProcess))]
public sealed class WebSampleProcessTests(SampleWebAppFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReadmeCurlCommands_AnswerAsTheReadmeSays()
    {
        var section = ReadmeSection();
        var commands = section.Split('\n').Where(l => l.StartsWith("curl -s localhost:5080", StringComparison.Ordinal)).ToArray();
        Assert.Equal(7, commands.Length);

        var answers = new List<(int Status, JsonElement Body)>();
        foreach (var command in commands)
        {
            answers.Add(await CurlAsync(command));
        }

        // The first six are the API's successful calls; the last shows a problem answer, as its comment line says.
        Assert.All(answers[..6], a => Assert.Equal(200, a.Status));
        Assert.Equal(12, answers[0].Body.GetProperty("total").GetInt32());
        Assert.Equal(3, answers[1].Body.GetProperty("results").GetArrayLength());
        Assert.Equal("snowman.jpg", answers[2].Body.GetProperty("results")[0].GetProperty("image").GetString());
        Assert.Equal(3, answers[2].Body.GetProperty("results").GetArrayLength());
        Assert.Equal([768, 768], answers[3].Body.GetProperty("data").EnumerateArray().Select(d => d.GetProperty("embedding").GetArrayLength()));
        Assert.True(answers[4].Body.TryGetProperty("cosine", out _));
        Assert.Equal(3, answers[5].Body.GetProperty("results").GetArrayLength()); // the gallery's shape: query, model, results, usage
        Assert.True(answers[5].Body.GetProperty("results")[0].TryGetProperty("rerank_score", out _));
        Assert.Equal("a mountain bike", answers[5].Body.GetProperty("query").GetString());
        Assert.True(answers[5].Body.GetProperty("usage").GetProperty("tokens").GetInt64() > 0);
        Assert.Equal(400, answers[6].Status);
        var documented = section.Split('\n').Single(l => l.StartsWith("# {\"type\"", StringComparison.Ordinal))[2..].Replace(",…}", string.Empty, StringComparison.Ordinal);
        Assert.StartsWith(documented, answers[6].Body.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Log_ShowsIndexingProgress_AndNeverClaimsTheRealApi()
    {
        var log = fixture.App.Log;

        Assert.Contains("answered by the local emulator", log, StringComparison.Ordinal);
        Assert.Contains("Indexed 4/12 images (8000 tokens so far).", log, StringComparison.Ordinal);
        Assert.Contains("Indexed 12/12 images (24000 tokens so far).", log, StringComparison.Ordinal);
        Assert.Contains("The gallery is ready: 12 images.", log, StringComparison.Ordinal);
        Assert.DoesNotContain("api.jina.ai", log, StringComparison.Ordinal);
    }

    [Fact]
    public void TheLog_HasOneProgressLinePerIndexingRequest_NotHttpClientChatter()
    {
        var log = fixture.App.Log;

        Assert.Contains("Indexed 4/12 images", log, StringComparison.Ordinal);
        Assert.DoesNotContain("System.Net.Http.HttpClient", log, StringComparison.Ordinal); // four info lines per request before
    }

    [Fact]
    public async Task AnUploadOverKestrelsBodyLimit_Is413_AWarningWithoutAStackTrace()
    {
        // curl, as a user would send it: it waits for "100 Continue", so Kestrel's early 413 arrives before the body.
        using var huge = new TempFile(new byte[31_000_000]);

        var (status, body) = await CurlAsync($"curl -s localhost:5080/api/gallery/similar -F image=@{huge.Path}");

        Assert.Equal(413, status);
        Assert.Equal(413, body.GetProperty("status").GetInt32());
        await Clock.Until(() => fixture.App.Log.Contains("answered 413", StringComparison.Ordinal));
        Assert.DoesNotContain("Unhandled exception", fixture.App.Log, StringComparison.Ordinal);
    }

    private static string ReadmeSection()
    {
        var readme = File.ReadAllText(Path.Combine(SampleWebApp.RepositoryRoot(), "README.md")).ReplaceLineEndings("\n");
        var start = readme.IndexOf("## The web sample", StringComparison.Ordinal);
        var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return readme[start..end];
    }

    private async Task<(int Status, JsonElement Body)> CurlAsync(string command)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = SampleWebApp.RepositoryRoot() };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command.Replace("localhost:5080", fixture.App.BaseAddress.Authority, StringComparison.Ordinal) + " -w '\n%{http_code}'");
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        Assert.True(process.ExitCode == 0, $"{command} exited {process.ExitCode}: {await process.StandardError.ReadToEndAsync(Ct)}");
        var split = output.LastIndexOf('\n');
        return (int.Parse(output[(split + 1)..], System.Globalization.CultureInfo.InvariantCulture), JsonDocument.Parse(output[..split]).RootElement.Clone());
    }
}
