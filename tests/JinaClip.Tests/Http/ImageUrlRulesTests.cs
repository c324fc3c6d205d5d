using System.Net;
using JinaClip.Http;
using JinaClip.Testing;
using JinaClip.Tests.Images;
using Microsoft.Extensions.DependencyInjection;

namespace JinaClip.Tests.Http;

/// <summary>Image URLs fetched for estimates and the budget guard: no non-public addresses, no cross-host redirects.</summary>
public sealed class ImageUrlRulesTests : IAsyncLifetime
{
    private static readonly ImageUrlFetchOptions Loopback = new() { AllowNonPublicAddresses = true };

    private ImageServer _server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _server = await ImageServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task ReadUrlAsync_LoopbackByDefault_IsRefusedBeforeAnyRequest()
    {
        var url = _server.Add("cat.png", TestImages.Png(640, 480));

        var ex = await Assert.ThrowsAsync<JinaUrlRefusedException>(() => ImageHeaderReader.ReadUrlAsync(url, cancellationToken: Ct));

        Assert.Contains("127.0.0.1, a loopback address", ex.Message, StringComparison.Ordinal);
        Assert.Contains("AllowNonPublicAddresses", ex.Message, StringComparison.Ordinal);
        Assert.Equal(url, ex.Url);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task ReadUrlAsync_LocalhostName_IsRefusedAfterResolving()
    {
        var url = new Uri($"http://localhost:{_server.BaseAddress.Port}/cat.png");
        _server.Add("cat.png", TestImages.Png(640, 480));

        var ex = await Assert.ThrowsAsync<JinaUrlRefusedException>(() => ImageHeaderReader.ReadUrlAsync(url, cancellationToken: Ct));

        Assert.Contains("a loopback address", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task ReadUrlAsync_MetadataAddress_IsRefusedWithoutConnecting()
    {
        var ex = await Assert.ThrowsAsync<JinaUrlRefusedException>(() =>
            ImageHeaderReader.ReadUrlAsync(new Uri("http://169.254.169.254/latest/meta-data/"), cancellationToken: Ct));

        Assert.Contains("cloud metadata", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadUrlAsync_RedirectToAnotherHost_IsRefusedAndTheOtherHostSeesNothing()
    {
        await using var other = await ImageServer.StartAsync();
        var target = other.Add("cat.png", TestImages.Png(640, 480));
        var elsewhere = new Uri($"http://localhost:{target.Port}/cat.png"); // another host name, the other server
        _server.Redirects["jump.png"] = elsewhere.ToString();

        var ex = await Assert.ThrowsAsync<JinaUrlRefusedException>(() =>
            ImageHeaderReader.ReadUrlAsync(new Uri(_server.BaseAddress, "jump.png"), Loopback, Ct));

        Assert.Contains("another host", ex.Message, StringComparison.Ordinal);
        Assert.Equal(elsewhere, ex.Url);
        Assert.Empty(other.Requests);
    }

    [Fact]
    public async Task ReadUrlAsync_RedirectOnTheSameHost_IsFollowed()
    {
        _server.Add("cat.png", TestImages.Png(640, 480));
        _server.Redirects["old.png"] = "/cat.png";

        var size = await ImageHeaderReader.ReadUrlAsync(new Uri(_server.BaseAddress, "old.png"), Loopback, Ct);

        Assert.Equal(new ImageSize(ImageFormat.Png, 640, 480), size);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task ReadUrlAsync_RedirectLoop_StopsAtTheLimitNamingIt()
    {
        _server.Redirects["a.png"] = "/b.png";
        _server.Redirects["b.png"] = "/a.png";

        var ex = await Assert.ThrowsAsync<JinaUrlRefusedException>(() =>
            ImageHeaderReader.ReadUrlAsync(new Uri(_server.BaseAddress, "a.png"), new ImageUrlFetchOptions { AllowNonPublicAddresses = true, MaxRedirects = 3 }, Ct));

        Assert.Contains("more than 3 redirects", ex.Message, StringComparison.Ordinal);
        Assert.Equal(4, _server.Requests.Count);
    }

    [Fact]
    public async Task ReadUrlAsync_CallersClientThatFollowsRedirectsElsewhere_ResponseIsRefused()
    {
        await using var other = await ImageServer.StartAsync();
        var target = other.Add("cat.png", TestImages.Png(640, 480));
        _server.Redirects["jump.png"] = $"http://localhost:{target.Port}/cat.png";
        using var following = new HttpClient(new HttpClientHandler { AllowAutoRedirect = true });

        var ex = await Assert.ThrowsAsync<JinaUrlRefusedException>(() => ImageHeaderReader.ReadUrlAsync(
            new Uri(_server.BaseAddress, "jump.png"), new ImageUrlFetchOptions { HttpClient = following, AllowNonPublicAddresses = true }, Ct));

        Assert.Contains("followed a redirect to another host (localhost)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmbedAsync_BudgetGuardOnALoopbackImageUrl_IsRefusedAndNothingIsSent()
    {
        var url = _server.Add("cat.png", TestImages.Png(640, 480));
        var emulator = new JinaEmulator();
        using var client = emulator.CreateClient(o => o.MaxEstimatedTokensPerCall = 100_000);

        await Assert.ThrowsAsync<JinaUrlRefusedException>(() =>
            client.EmbedAsync([EmbeddingInput.FromImageUrl(url.ToString())], cancellationToken: Ct));

        Assert.Empty(_server.Requests);
        Assert.Equal(0, emulator.RequestCount);
    }

    [Fact]
    public async Task AddJinaClient_BudgetGuard_FetchesImageUrlsWithTheNamedImageClient()
    {
        var url = _server.Add("cat.png", TestImages.Png(640, 480));
        var recorder = new RecordingHandler();
        var services = new ServiceCollection();
        services.AddJinaClient(o =>
        {
            o.ApiKey = "jina_named";
            o.Endpoint = new Uri("http://127.0.0.1:9/"); // never reached: the budget refuses first
            o.MaxEstimatedTokensPerCall = 1;
            o.TokenEstimatorOptions = new TokenEstimatorOptions { ImageUrls = { AllowNonPublicAddresses = true } };
        });
        services.AddHttpClient(JinaServiceCollectionExtensions.ImageHttpClientName).AddHttpMessageHandler(() => recorder);
        await using var provider = services.BuildServiceProvider();
        using var client = provider.GetRequiredService<JinaEmbeddingClient>();

        await Assert.ThrowsAsync<JinaTokenBudgetException>(() => client.EmbedAsync([EmbeddingInput.FromImageUrl(url.ToString())], cancellationToken: Ct));

        Assert.Equal([url], recorder.Uris);
        Assert.Single(_server.Requests);
    }

    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("10.1.2.3", "private")]
    [InlineData("172.16.0.1", "private")]
    [InlineData("172.31.255.255", "private")]
    [InlineData("192.168.1.1", "private")]
    [InlineData("100.64.0.1", "carrier-grade NAT")]
    [InlineData("100.100.100.200", "carrier-grade NAT")] // a cloud metadata address
    [InlineData("169.254.169.254", "link-local")]
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("224.0.0.1", "multicast")]
    [InlineData("255.255.255.255", "broadcast")]
    [InlineData("::1", "loopback")]
    [InlineData("::", "unspecified")]
    [InlineData("fd00:ec2::254", "unique-local")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("fec0::1", "site-local")]
    [InlineData("ff02::1", "multicast")]
    [InlineData("::ffff:10.0.0.1", "private")]
    [InlineData("::ffff:169.254.169.254", "link-local")]
    [InlineData("64:ff9b::7f00:1", "loopback")]
    [InlineData("2002:c0a8:0101::1", "private")]
    public void NonPublicKind_NonPublicAddress_IsNamed(string address, string kind) =>
        Assert.Contains(kind, AddressRules.NonPublicKind(IPAddress.Parse(address)), StringComparison.Ordinal);

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("192.169.0.1")]
    [InlineData("2606:4700::1111")]
    [InlineData("::ffff:1.1.1.1")]
    public void NonPublicKind_PublicAddress_IsNull(string address) =>
        Assert.Null(AddressRules.NonPublicKind(IPAddress.Parse(address)));

    private sealed class RecordingHandler : DelegatingHandler
    {
        public List<Uri> Uris { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Uris.Add(request.RequestUri!);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
