using JinaClip.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace JinaClip.Tests.DependencyInjection;

public sealed class DependencyInjectionTests : IAsyncLifetime
{
    private JinaEmulatorServer _server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _server = await JinaEmulatorServer.StartAsync(new JinaEmulator(new JinaEmulatorOptions { ApiKey = "jina_di" }), cancellationToken: Ct);

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private static HostApplicationBuilder Builder(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        return builder;
    }

    [Fact]
    public async Task AddJinaClient_FromConfiguration_BindsAndCallsTheConfiguredEndpoint()
    {
        var builder = Builder(new()
        {
            ["Jina:ApiKey"] = "jina_di",
            ["Jina:Endpoint"] = _server.BaseAddress.ToString(),
            ["Jina:DefaultModel"] = "jina-clip-v2",
            ["Jina:MaxConcurrency"] = "2",
            ["Jina:NetworkTimeout"] = "00:02:00",
            ["Jina:Retry:MaxRetryAttempts"] = "5",
            ["Jina:AllowUnrecognizedImageFormats"] = "true",
        });
        builder.Services.AddJinaClient(builder.Configuration);
        using var host = builder.Build();
        await host.StartAsync(Ct);

        var client = host.Services.GetRequiredService<JinaEmbeddingClient>();
        var options = host.Services.GetRequiredService<IOptions<JinaClientOptions>>().Value;
        var vector = await client.EmbedTextAsync("hello", cancellationToken: Ct);

        Assert.Equal(1024, vector.Length); // clip-v2's native size: the default model came from configuration
        Assert.Equal(2, options.MaxConcurrency);
        Assert.Equal(TimeSpan.FromMinutes(2), options.NetworkTimeout);
        Assert.Equal(5, options.Retry.MaxRetryAttempts);
        Assert.True(options.AllowUnrecognizedImageFormats);
        Assert.Equal(1, _server.Emulator.RequestCount);
        await host.StopAsync(Ct);
    }

    [Fact]
    public async Task MissingKey_FailsHostStart_NamingTheKeyAndTheVariable()
    {
        if (Environment.GetEnvironmentVariable("JINA_API_KEY") is { Length: > 0 })
        {
            Assert.Skip("JINA_API_KEY is set in this environment, so a key is never missing.");
        }

        var builder = Builder(new() { ["Jina:Endpoint"] = _server.BaseAddress.ToString() });
        builder.Services.AddJinaClient(builder.Configuration);
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Ct));

        Assert.Contains("Jina:ApiKey", ex.Message, StringComparison.Ordinal);
        Assert.Contains("JINA_API_KEY", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Jina:Endpoint", "http://example.com/", "https")]
    [InlineData("Jina:MaxConcurrency", "0", "MaxConcurrency")]
    public async Task BadOption_FailsHostStart_NamingTheOption(string key, string value, string named)
    {
        var builder = Builder(new() { ["Jina:ApiKey"] = "jina_di", [key] = value });
        builder.Services.AddJinaClient(builder.Configuration);
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Ct));

        Assert.Contains(named, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnparsableValue_IsAnErrorNamingTheFullKey()
    {
        var builder = Builder(new() { ["Jina:ApiKey"] = "jina_di", ["Jina:Retry:MaxRetryAttempts"] = "lots" });
        builder.Services.AddJinaClient(builder.Configuration);
        using var host = builder.Build();

        var ex = Assert.Throws<InvalidOperationException>(() => host.Services.GetRequiredService<IOptions<JinaClientOptions>>().Value);

        Assert.Contains("'lots' at 'Jina:Retry:MaxRetryAttempts'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyedClients_LiveSideBySide_WithTheirOwnSettings()
    {
        var builder = Builder(new()
        {
            ["Jina:images:ApiKey"] = "jina_di",
            ["Jina:images:Endpoint"] = _server.BaseAddress.ToString(),
            ["Jina:texts:ApiKey"] = "jina_di",
            ["Jina:texts:Endpoint"] = _server.BaseAddress.ToString(),
            ["Jina:texts:DefaultModel"] = "jina-embeddings-v3",
        });
        builder.Services.AddKeyedJinaClient("images", builder.Configuration.GetSection("Jina:images"));
        builder.Services.AddKeyedJinaClient("texts", builder.Configuration.GetSection("Jina:texts"));
        using var host = builder.Build();
        await host.StartAsync(Ct);

        var images = host.Services.GetRequiredKeyedService<JinaEmbeddingClient>("images");
        var texts = host.Services.GetRequiredKeyedService<JinaEmbeddingClient>("texts");

        Assert.Equal("jina-clip-v1", images.DefaultModel);
        Assert.Equal("jina-embeddings-v3", texts.DefaultModel);
        Assert.Equal(1024, (await texts.EmbedTextAsync("long text", cancellationToken: Ct)).Length);
        Assert.Null(host.Services.GetService<JinaEmbeddingClient>());
        await host.StopAsync(Ct);
    }

    [Fact]
    public async Task AddJinaClient_RegistersTheRootAndEverySubClient_OnOneConnection()
    {
        var builder = Builder(new()
        {
            ["Jina:ApiKey"] = "jina_di",
            ["Jina:Endpoint"] = _server.BaseAddress.ToString(),
            ["Jina:Rerank:DefaultModel"] = "jina-reranker-m0",
            ["Jina:RequestsPerMinute"] = "2",
            ["Jina:ModelCatalogCacheDuration"] = "00:05:00",
        });
        builder.Services.AddJinaClient(builder.Configuration);
        builder.Services.AddKeyedJinaClient("texts", o => { o.ApiKey = "jina_di"; o.Endpoint = _server.BaseAddress; });
        using var host = builder.Build();
        await host.StartAsync(Ct);

        var rerank = host.Services.GetRequiredService<JinaRerankClient>();
        var embed = host.Services.GetRequiredService<JinaEmbeddingClient>();
        var result = await rerank.RerankAsync("a red bicycle", ["a bicycle", "a banana"], cancellationToken: Ct);
        await embed.EmbedTextAsync("one", cancellationToken: Ct);

        Assert.Equal("jina-reranker-m0", rerank.DefaultModel);
        Assert.Equal(new Uri(_server.BaseAddress, "v1/rerank"), rerank.RerankUri);
        var root = host.Services.GetRequiredService<JinaClient>();
        Assert.Same(root, host.Services.GetRequiredService<JinaClient>());
        Assert.Same(root.GetEmbeddingsClient().Connection, embed.Connection);
        Assert.Same(embed.Connection, rerank.Connection);
        Assert.Same(embed.Connection, host.Services.GetRequiredService<JinaModelsClient>().Connection);
        Assert.Same(embed.Connection, host.Services.GetRequiredService<JinaClassificationClient>().Connection);
        Assert.Same(host.Services.GetRequiredKeyedService<JinaClient>("texts").GetEmbeddingsClient().Connection, host.Services.GetRequiredKeyedService<JinaEmbeddingClient>("texts").Connection);
        Assert.Equal(0, result[0].Index);
        Assert.Equal(TimeSpan.FromMinutes(5), host.Services.GetRequiredService<IOptions<JinaClientOptions>>().Value.ModelCatalogCacheDuration);
        Assert.NotNull(host.Services.GetRequiredKeyedService<JinaRerankClient>("texts"));

        // Two requests a minute, shared: the rerank call and the embed call took both, so a third call must wait.
        using var third = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        third.CancelAfter(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => rerank.RerankAsync("q", ["d"], cancellationToken: third.Token));
        Assert.Equal(2, _server.Emulator.RequestCount);
        await host.StopAsync(Ct);
    }

    [Fact]
    public async Task KeyedSection_InheritsTheParentsSettings_ItDoesNotOverride()
    {
        var builder = Builder(new()
        {
            ["Jina:ApiKey"] = "jina_di",
            ["Jina:Endpoint"] = _server.BaseAddress.ToString(),
            ["Jina:MaxConcurrency"] = "3",
            ["Jina:images:DefaultModel"] = "jina-clip-v2",
            ["Jina:texts:MaxConcurrency"] = "7",
        });
        builder.Services.AddKeyedJinaClient("images", builder.Configuration.GetSection("Jina:images"));
        builder.Services.AddKeyedJinaClient("texts", builder.Configuration.GetSection("Jina:texts"));
        using var host = builder.Build();
        await host.StartAsync(Ct); // no "No Jina API key for client 'images'": the key comes from Jina:ApiKey

        var images = host.Services.GetRequiredKeyedService<JinaEmbeddingClient>("images");
        var monitor = host.Services.GetRequiredService<IOptionsMonitor<JinaClientOptions>>();

        Assert.Equal(1024, (await images.EmbedTextAsync("inherited key", cancellationToken: Ct)).Length); // clip-v2, from the keyed section
        Assert.Equal(3, monitor.Get("images").MaxConcurrency); // from the parent
        Assert.Equal(7, monitor.Get("texts").MaxConcurrency);  // the keyed section wins
        await host.StopAsync(Ct);
    }

    [Fact]
    public async Task UseJinaEmulator_StartsWithNoKey_AndAnswersFromTheEmulator()
    {
        var saved = Environment.GetEnvironmentVariable("JINA_API_KEY");
        var emulator = new JinaEmulator(new JinaEmulatorOptions { RequireApiKey = false });
        var builder = Builder(new() { ["Jina:DefaultModel"] = "jina-clip-v2" });
        builder.Services.AddJinaClient(builder.Configuration).UseJinaEmulator(emulator);
        using var host = builder.Build();
        await host.StartAsync(Ct);

        var vector = await host.Services.GetRequiredService<JinaEmbeddingClient>().EmbedTextAsync("offline", cancellationToken: Ct);
        var ranked = await host.Services.GetRequiredService<JinaRerankClient>().RerankAsync("q", ["d"], cancellationToken: Ct);

        Assert.Equal(1024, vector.Length);
        Assert.Single(ranked);
        Assert.Equal(["/v1/embeddings", "/v1/rerank"], emulator.Requests.Select(r => r.Path));
        Assert.Equal(saved, Environment.GetEnvironmentVariable("JINA_API_KEY"));
        await host.StopAsync(Ct);
    }

    [Fact]
    public async Task UseJinaEmulator_LogsNameTheEmulator_NotTheRealApi()
    {
        var builder = Builder(new());
        builder.Logging.AddFakeLogging();
        builder.Services.AddJinaClient(builder.Configuration).UseJinaEmulator();
        using var host = builder.Build();

        await host.Services.GetRequiredService<JinaEmbeddingClient>().EmbedTextAsync("offline", cancellationToken: Ct);

        var messages = host.Services.GetFakeLogCollector().GetSnapshot().Select(r => r.Message).ToArray();
        Assert.Contains(messages, m => m.Contains("POST https://emulator.jina.invalid/v1/embeddings", StringComparison.Ordinal));
        Assert.DoesNotContain(messages, m => m.Contains("api.jina.ai", StringComparison.Ordinal));
        Assert.Equal(JinaEmulator.Endpoint, host.Services.GetRequiredService<IOptionsMonitor<JinaClientOptions>>().Get(Options.DefaultName).Endpoint);
    }

    [Fact]
    public async Task ReturnedBuilder_AcceptsHandlers_AndRetriesStayWithTheClient()
    {
        var counter = new CountingHandler();
        var builder = Builder(new());
        builder.Services.AddJinaClient(o => { o.ApiKey = "jina_di"; o.Endpoint = _server.BaseAddress; o.Retry.MaxRetryAttempts = 1; o.Retry.BaseDelay = TimeSpan.FromMilliseconds(1); })
            .AddHttpMessageHandler(() => counter);
        _server.Emulator.Faults.FailNext(1, System.Net.HttpStatusCode.BadGateway);
        using var host = builder.Build();
        await host.StartAsync(Ct);

        await host.Services.GetRequiredService<JinaEmbeddingClient>().EmbedTextAsync("x", cancellationToken: Ct);

        Assert.Equal(2, counter.Calls);                 // the client's one retry, seen by the user's handler
        Assert.Equal(2, _server.Emulator.RequestCount); // no second retry layer
        await host.StopAsync(Ct);
    }

    [Fact]
    public async Task EmbeddingGenerator_ComposesThroughTheMicrosoftExtensionsAIBuilder()
    {
        var builder = Builder(new());
        builder.Services.AddJinaClient(o => { o.ApiKey = "jina_di"; o.Endpoint = _server.BaseAddress; });
        builder.Services.AddDistributedMemoryCache();
        builder.Services.AddEmbeddingGenerator(sp => sp.GetRequiredService<JinaEmbeddingClient>().AsEmbeddingGenerator())
            .UseDistributedCache();
        using var host = builder.Build();
        await host.StartAsync(Ct);
        var generator = host.Services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

        await generator.GenerateAsync(["same"], cancellationToken: Ct);
        await generator.GenerateAsync(["same"], cancellationToken: Ct);

        Assert.Equal(1, _server.Emulator.RequestCount);
        await host.StopAsync(Ct);
    }

    private sealed class CountingHandler : DelegatingHandler
    {
        private int _calls;

        public int Calls => _calls;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
