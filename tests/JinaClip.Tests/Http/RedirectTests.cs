using System.Net;
using JinaClip.Testing;
using JinaClip.Tests.TestSupport;

namespace JinaClip.Tests.Http;

/// <summary>A caller's HttpClient that follows redirects must not make another host's answer the endpoint's.</summary>
public class RedirectTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(307)]
    [InlineData(308)]
    public async Task EmbedAsync_EndpointRedirectsAndTheHandlerFollows_RefusesTheOtherHostsVectors(int status)
    {
        await using var elsewhere = await JinaEmulatorServer.StartAsync(cancellationToken: Ct);
        await using var redirector = await StartRedirectorAsync(status, new Uri(elsewhere.BaseAddress, "v1/embeddings"));
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = true });
        using var client = new JinaEmbeddingClient(http, new JinaClientOptions
        {
            ApiKey = "jina_redirect_secret",
            Endpoint = redirector.BaseAddress,
            Retry = { MaxRetryAttempts = 2 },
        });

        var ex = await Assert.ThrowsAsync<JinaInvalidResponseException>(() => client.EmbedAsync(["a"], cancellationToken: Ct));

        Assert.Contains($"The response came from {elsewhere.BaseAddress}v1/embeddings, not from the endpoint", ex.Message, StringComparison.Ordinal);
        Assert.Contains("followed a redirect", ex.Message, StringComparison.Ordinal);

        // Refused once, not retried; .NET drops the Authorization header when it follows a redirect.
        var seen = Assert.Single(elsewhere.Emulator.Requests);
        Assert.False(seen.Headers.ContainsKey("Authorization"));
    }

    [Fact]
    public async Task EmbedAsync_DefaultHttpClient_DoesNotFollowTheRedirect()
    {
        await using var elsewhere = await JinaEmulatorServer.StartAsync(cancellationToken: Ct);
        await using var redirector = await StartRedirectorAsync(307, new Uri(elsewhere.BaseAddress, "v1/embeddings"));
        using var client = new JinaEmbeddingClient(new JinaClientOptions { ApiKey = "k", Endpoint = redirector.BaseAddress, Retry = { MaxRetryAttempts = 0 } });

        var ex = await Assert.ThrowsAsync<JinaApiException>(() => client.EmbedAsync(["a"], cancellationToken: Ct));

        Assert.Equal(HttpStatusCode.TemporaryRedirect, ex.StatusCode);
        Assert.Equal(0, elsewhere.Emulator.RequestCount);
    }

    private static Task<LoopbackApp> StartRedirectorAsync(int status, Uri target) =>
        LoopbackApp.StartAsync(context =>
        {
            context.Response.StatusCode = status;
            context.Response.Headers.Location = target.AbsoluteUri;
            return Task.CompletedTask;
        });
}
