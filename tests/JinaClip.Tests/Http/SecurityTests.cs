using System.Net;
using JinaClip.Tests.TestSupport;

namespace JinaClip.Tests.Http;

public class SecurityTests
{
    [Theory]
    [InlineData("http://api.jina.ai/")]
    [InlineData("http://10.0.0.5:8080/")]
    [InlineData("http://example.com/")]
    public void Constructor_PlainHttpToNonLoopbackHost_Throws(string endpoint)
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            new JinaEmbeddingClient(new JinaClientOptions { ApiKey = JinaMock.Key, Endpoint = new Uri(endpoint) }));

        Assert.Contains("https", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(JinaMock.Key, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://localhost:5000/")]
    [InlineData("http://127.0.0.1/")]
    [InlineData("http://[::1]:8080/")]
    [InlineData("https://api.jina.ai/")]
    public void Constructor_HttpsOrLoopback_IsAllowed(string endpoint)
    {
        using var client = new JinaEmbeddingClient(new JinaClientOptions { ApiKey = JinaMock.Key, Endpoint = new Uri(endpoint) });
        Assert.StartsWith(endpoint.TrimEnd('/'), client.EmbeddingsUri.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NoKeyAnywhere_NamesBothPlaces()
    {
        var saved = Environment.GetEnvironmentVariable("JINA_API_KEY");
        Environment.SetEnvironmentVariable("JINA_API_KEY", null);
        try
        {
            // Every public constructor gives the same guidance, never a bare ArgumentNullException (the Quick start passes
            // Environment.GetEnvironmentVariable("JINA_API_KEY")!, which is null on a fresh machine).
            Func<IDisposable>[] constructors =
            [
                () => new JinaEmbeddingClient(new JinaClientOptions()),
                () => new JinaEmbeddingClient((string)null!),
                () => new JinaEmbeddingClient(null, new JinaClientOptions()),
                () => new JinaRerankClient(new JinaClientOptions()),
                () => new JinaRerankClient((string)null!),
                () => new JinaModelsClient(new JinaClientOptions()),
            ];
            foreach (var construct in constructors)
            {
                var ex = Assert.Throws<ArgumentException>(() => construct().Dispose());
                Assert.Contains("No Jina API key was found", ex.Message, StringComparison.Ordinal);
                Assert.Contains("JinaClientOptions.ApiKey", ex.Message, StringComparison.Ordinal);
                Assert.Contains("JINA_API_KEY", ex.Message, StringComparison.Ordinal);
            }
        }
        finally
        {
            Environment.SetEnvironmentVariable("JINA_API_KEY", saved);
        }
    }

    [Fact]
    public async Task Constructor_KeyFromEnvironment_IsUsed()
    {
        var saved = Environment.GetEnvironmentVariable("JINA_API_KEY");
        Environment.SetEnvironmentVariable("JINA_API_KEY", "jina_from_env");
        try
        {
            using var mock = new JinaMock();
            using var client = new JinaEmbeddingClient(mock.HttpClient, new JinaClientOptions());
            await client.EmbedTextAsync("a", cancellationToken: TestContext.Current.CancellationToken);
            Assert.Equal("jina_from_env", mock.Requests[0].Headers.Authorization!.Parameter);
        }
        finally
        {
            Environment.SetEnvironmentVariable("JINA_API_KEY", saved);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Constructor_EmptyKeyArgument_Throws(string? key) =>
        Assert.ThrowsAny<ArgumentException>(() => new JinaEmbeddingClient(key!));

    [Fact]
    public async Task EmbedAsync_HttpClientBaseAddress_IsIgnored_KeyGoesOnlyToEndpoint()
    {
        using var mock = new JinaMock();
        var http = mock.HttpClient;
        http.BaseAddress = new Uri("https://attacker.example/");
        using var client = new JinaEmbeddingClient(http, new JinaClientOptions { ApiKey = JinaMock.Key });

        await client.EmbedTextAsync("a", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("api.jina.ai", mock.Requests[0].RequestUri!.Host);
    }

    [Fact]
    public void ToString_NeverShowsTheKey()
    {
        var options = new JinaClientOptions { ApiKey = JinaMock.Key };
        using var client = new JinaEmbeddingClient(options);

        Assert.DoesNotContain(JinaMock.Key, options.ToString(), StringComparison.Ordinal);
        Assert.Contains("***", options.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(JinaMock.Key, client.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.UnprocessableEntity)]
    [InlineData(HttpStatusCode.InternalServerError)]
    public async Task EmbedAsync_ErrorEchoingTheKey_ScrubsItEverywhere(HttpStatusCode status)
    {
        var body = $$"""{"detail":"Invalid API key {{JinaMock.Key}}","code":"AUTH_INVALID_API_KEY","errors":[{"field":"auth","message":"bad {{JinaMock.Key}}","type":"x"}]}""";
        using var mock = new JinaMock((_, _) => JinaMock.Json(body, status));
        using var client = mock.CreateClient();

        var ex = await Assert.ThrowsAsync<JinaApiException>(() => client.EmbedAsync(["a"], cancellationToken: TestContext.Current.CancellationToken));

        Assert.DoesNotContain(JinaMock.Key, ex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(JinaMock.Key, ex.Detail!, StringComparison.Ordinal);
        Assert.All(ex.FieldErrors, e => Assert.DoesNotContain(JinaMock.Key, e.Message!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task EmbedAsync_NonJsonErrorEchoingTheKey_ScrubsTheSnippet()
    {
        using var mock = new JinaMock((_, _) => new HttpResponseMessage(HttpStatusCode.Forbidden) { Content = new StringContent($"denied for {JinaMock.Key}") });
        using var client = mock.CreateClient();

        var ex = await Assert.ThrowsAsync<JinaApiException>(() => client.EmbedAsync(["a"], cancellationToken: TestContext.Current.CancellationToken));

        Assert.DoesNotContain(JinaMock.Key, ex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(JinaMock.Key, ex.ResponseSnippet!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmbedAsync_InvalidResponse_DoesNotMentionTheKey()
    {
        using var mock = new JinaMock((_, _) => JinaMock.Json("not json"));
        using var client = mock.CreateClient();

        var ex = await Assert.ThrowsAsync<JinaInvalidResponseException>(() => client.EmbedAsync(["a"], cancellationToken: TestContext.Current.CancellationToken));

        Assert.DoesNotContain(JinaMock.Key, ex.ToString(), StringComparison.Ordinal);
    }
}
