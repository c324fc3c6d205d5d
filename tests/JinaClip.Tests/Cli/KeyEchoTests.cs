using System.Text;
using JinaClip.Tests.TestSupport;
using Microsoft.AspNetCore.Http;

namespace JinaClip.Tests.Cli;

/// <summary>A server that echoes the key back, cut or encoded, never gets it printed by the <c>jinaclip</c> tool.</summary>
public sealed class KeyEchoTests
{
    private const string Key = "jina_cli_5c0ffee7b6e04d58a2c9f1e7b3d6a8c0Xy7QpZ";

    public static TheoryData<string> Forms => ["cut", "escaped", "url", "base64"];

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task Embed_AgainstAServerEchoingTheKey_PrintsNoPartOfIt(string form)
    {
        await using var server = await LoopbackApp.StartAsync(async http =>
        {
            var header = http.Request.Headers.Authorization.ToString();
            var echo = form switch
            {
                "cut" => header[..40],
                "escaped" => string.Concat(header.Select(c => $"\\u{(int)c:x4}")),
                "url" => Uri.EscapeDataString(header).Replace("_", "%5F", StringComparison.Ordinal).Replace("j", "%6A", StringComparison.Ordinal),
                _ => Convert.ToBase64String(Encoding.UTF8.GetBytes(header)),
            };
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync($$"""{"detail":"Invalid token: {{echo}}"}""");
        });

        var (exit, stdout, stderr) = await CliRun.RunProcess("embed", "--text", "a red dog", "--api-key", Key, "--base-url", server.BaseAddress.ToString());

        Assert.NotEqual(0, exit);
        Assert.Contains("***", stderr, StringComparison.Ordinal);
        foreach (var output in new[] { stdout, stderr })
        {
            for (var i = 0; i + 12 <= Key.Length; i++)
            {
                Assert.DoesNotContain(Key.Substring(i, 12), output, StringComparison.Ordinal);
            }

            var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes("Bearer " + Key));
            for (var i = 12; i + 12 <= base64.Length - 4; i += 4)
            {
                Assert.DoesNotContain(base64.Substring(i, 12), output, StringComparison.Ordinal);
            }

            Assert.DoesNotContain(string.Concat(Key[..12].Select(c => $"\\u{(int)c:x4}")), output, StringComparison.OrdinalIgnoreCase);
        }
    }
}
