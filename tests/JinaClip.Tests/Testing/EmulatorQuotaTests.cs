using System.Net;
using System.Text;
using System.Text.Json;
using JinaClip.Testing;
using JinaClip.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace JinaClip.Tests.Testing;

/// <summary>The emulator's per-key quota: 429 with the API's codes, Retry-After and X-RateLimit-* headers, windows on its clock.</summary>
public class EmulatorQuotaTests
{
    private const string Body = """{"model":"jina-clip-v1","input":["one two three four five six seven eight nine"]}""";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, string key = "key-a")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://emulator.jina.invalid/v1/embeddings")
        {
            Content = new StringContent(Body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", key);
        return await http.SendAsync(request, Ct);
    }

    private static string Header(HttpResponseMessage response, string name) => string.Join(",", response.Headers.GetValues(name));

    private static async Task<string?> CodeOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.TryGetProperty("code", out var code) ? code.GetString() : null;

    [Fact]
    public async Task RequestsPerWindow_TheNextRequestIs429UntilTheWindowEnds_AndTheHeadersCountDown()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 8, 10, 0, 15, TimeSpan.Zero));
        var emulator = new JinaEmulator(new JinaEmulatorOptions { TimeProvider = clock, Quota = new EmulatorQuota { RequestsPerWindow = 3 } });
        using var http = emulator.CreateHttpClient();

        var remaining = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            using var ok = await PostAsync(http);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            remaining.Add(Header(ok, "X-RateLimit-Remaining-Requests"));
        }

        using var refused = await PostAsync(http);
        using var otherKey = await PostAsync(http, "key-b");
        clock.Advance(TimeSpan.FromSeconds(45));
        using var nextWindow = await PostAsync(http);

        Assert.Equal(["2", "1", "0"], remaining);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("RATE_REQUEST_LIMIT_EXCEEDED", await CodeOf(refused));
        Assert.Equal(TimeSpan.FromSeconds(45), refused.Headers.RetryAfter!.Delta); // the rest of the minute
        Assert.Equal("0", Header(refused, "X-RateLimit-Remaining-Requests"));
        Assert.Equal(HttpStatusCode.OK, otherKey.StatusCode); // the quota is per key
        Assert.Equal(HttpStatusCode.OK, nextWindow.StatusCode);
        Assert.Equal(1, emulator.QuotaRejections);
    }

    [Fact]
    public async Task TokensPerWindow_CountsTheAnswersUsage_AndRefusesOnceItIsSpent()
    {
        var clock = new FakeTimeProvider();
        var emulator = new JinaEmulator(new JinaEmulatorOptions { TimeProvider = clock, Quota = new EmulatorQuota { TokensPerWindow = 15, Window = TimeSpan.FromSeconds(10) } });
        using var http = emulator.CreateHttpClient();

        using var first = await PostAsync(http);   // 9 words: 10 tokens
        using var second = await PostAsync(http);  // admitted at 10 of 15; the window is now at 20
        using var third = await PostAsync(http);

        Assert.Equal("5", Header(first, "X-RateLimit-Remaining-Tokens"));
        Assert.Equal("0", Header(second, "X-RateLimit-Remaining-Tokens"));
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal("RATE_TOKEN_LIMIT_EXCEEDED", await CodeOf(third));
        Assert.True(third.Headers.RetryAfter!.Delta <= TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task MaxConcurrentRequests_ASecondRequestInFlight_Is429_AndFreedWhenTheFirstIsAnswered()
    {
        var clock = new FakeTimeProvider();
        var emulator = new JinaEmulator(new JinaEmulatorOptions { TimeProvider = clock, Quota = new EmulatorQuota { MaxConcurrentRequests = 1 } });
        emulator.Faults.Latency = TimeSpan.FromSeconds(2);
        using var http = emulator.CreateHttpClient();

        var slow = PostAsync(http);
        await Clock.Until(() => emulator.RequestCount == 1);
        using var refused = await PostAsync(http);
        clock.Advance(TimeSpan.FromSeconds(2));
        using var first = await slow;
        var third = PostAsync(http);
        clock.Advance(TimeSpan.FromSeconds(2));
        using var afterwards = await third;

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("RATE_CONCURRENCY_LIMIT_EXCEEDED", await CodeOf(refused));
        Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter!.Delta);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterwards.StatusCode);
    }

    [Fact]
    public async Task ThroughTheSdk_A429WithRetryAfter_IsWaitedOutOnTheClock_AndTheCallSucceeds()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 8, 10, 0, 50, TimeSpan.Zero));
        var emulator = new JinaEmulator(new JinaEmulatorOptions { TimeProvider = clock, Quota = new EmulatorQuota { RequestsPerWindow = 1 } });
        using var client = emulator.CreateClient(o => o.TimeProvider = clock);
        await client.EmbedAsync(["first"], cancellationToken: Ct);

        var result = await Clock.Drive(clock, client.EmbedAsync(["second"], cancellationToken: Ct));

        Assert.Single(result);
        Assert.Equal(1, emulator.QuotaRejections);
        Assert.True(clock.GetUtcNow() >= new DateTimeOffset(2026, 12, 8, 10, 1, 0, TimeSpan.Zero)); // waited for the next minute
    }
}
