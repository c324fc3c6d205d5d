using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using JinaClip.Tests.TestSupport;
using JinaClip.WebApi.Catalogue;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace JinaClip.Tests.Samples;

/// <summary>
/// The web sample with a key, against an upstream that echoes the key back (the Authorization header cut to 40
/// characters, and in base64): anonymous clients get a generic 502 with a trace id, and neither the answer nor the log
/// holds any part of the key.
/// </summary>
public sealed class UpstreamFailureTests
{
    private const string Key = "jina_web_7d1e0c9a4b2f46e8a0c5d3b9f1e2a7c4Qw8ErT";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Embed_UpstreamEchoesTheKey_Answers502WithATraceId_AndNoPartOfTheKeyAnywhere()
    {
        await using var upstream = await LoopbackApp.StartAsync(async http =>
        {
            var header = http.Request.Headers.Authorization.ToString();
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync($$"""{"detail":"Invalid token {{header[..40]}} ({{Convert.ToBase64String(Encoding.UTF8.GetBytes(header))}})"}""");
        });
        await using var factory = new WebApplicationFactory<ProductCatalogue>().WithWebHostBuilder(b =>
        {
            b.UseSetting("Jina:ApiKey", Key);
            b.UseSetting("Jina:Endpoint", upstream.BaseAddress.ToString());
            b.ConfigureServices(services => services.AddLogging(l => l.AddFakeLogging()));
        });
        using var http = factory.CreateClient();

        var response = await http.PostAsJsonAsync("/api/embed", new { texts = new[] { "a red dog" } }, Ct);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(Ct);
        var problem = JsonDocument.Parse(body).RootElement;
        var traceId = problem.GetProperty("trace_id").GetString()!;
        Assert.Equal($"The embeddings service could not answer this request. It was logged with trace id {traceId}.", problem.GetProperty("detail").GetString());
        Assert.DoesNotContain("Invalid token", body, StringComparison.Ordinal);
        HasNoPartOfTheKey(body);

        var logs = factory.Services.GetRequiredService<FakeLogCollector>().GetSnapshot();
        var warning = Assert.Single(logs, r => r.Message.Contains("answered 502", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Null(warning.Exception);
        Assert.Contains(traceId, warning.Message, StringComparison.Ordinal);
        Assert.Contains("Invalid token Bearer ***", warning.Message, StringComparison.Ordinal);
        Assert.All(logs, r =>
        {
            HasNoPartOfTheKey(r.Message);
            HasNoPartOfTheKey(r.Exception?.ToString());
        });
    }

    [Fact]
    public async Task Embed_UpstreamUnreachable_Answers502()
    {
        // A port nothing listens on: the connection is refused.
        var closed = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        await using var factory = new WebApplicationFactory<ProductCatalogue>().WithWebHostBuilder(b =>
        {
            b.UseSetting("Jina:ApiKey", Key);
            b.UseSetting("Jina:Endpoint", $"http://127.0.0.1:{port}/");
            b.UseSetting("Jina:Retry:MaxRetryAttempts", "0");
            b.ConfigureServices(services => services.AddLogging(l => l.AddFakeLogging()));
        });
        using var http = factory.CreateClient();

        var response = await http.PostAsJsonAsync("/api/embed", new { texts = new[] { "a red dog" } }, Ct);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var warning = Assert.Single(factory.Services.GetRequiredService<FakeLogCollector>().GetSnapshot(), r => r.Message.Contains("answered 502", StringComparison.Ordinal));
        Assert.Contains("HttpRequestException", warning.Message, StringComparison.Ordinal);
        Assert.Null(warning.Exception);
    }

    private static void HasNoPartOfTheKey(string? text)
    {
        if (text is null)
        {
            return;
        }

        for (var i = 0; i + 12 <= Key.Length; i++)
        {
            Assert.DoesNotContain(Key.Substring(i, 12), text, StringComparison.Ordinal);
        }

        var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes("Bearer " + Key));
        for (var i = 12; i + 12 <= base64.Length - 4; i += 4)
        {
            Assert.DoesNotContain(base64.Substring(i, 12), text, StringComparison.Ordinal);
        }
    }
}
