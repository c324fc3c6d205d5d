namespace JinaClip.Tests.Images;

/// <summary>Reading sizes from http(s) URLs with ranged GETs, on a loopback server.</summary>
public sealed class ImageUrlTests : IAsyncLifetime
{
    private ImageServer _server = null!;

    // The server is on loopback, which the default fetch rules refuse (see ImageUrlRulesTests).
    private static readonly ImageUrlFetchOptions Loopback = new() { AllowNonPublicAddresses = true };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _server = await ImageServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Url_SmallHeader_OneRangedGetOfTheFirst64KiB_WithoutCredentials()
    {
        var url = _server.Add("photo.png", [.. TestImages.Png(1280, 848), .. new byte[2_000_000]]);

        var size = await ImageHeaderReader.ReadUrlAsync(url, Loopback, Ct);

        Assert.Equal(new ImageSize(ImageFormat.Png, 1280, 848), size);
        Assert.Equal([("bytes=0-65535", false)], _server.Requests);
    }

    [Fact]
    public async Task Url_HeaderBeyondTheFirstRange_WidensOnlyAsFarAsNeeded()
    {
        var url = _server.Add("big-exif.jpg", [.. TestImages.Jpeg(4000, 3000, exifBytes: 200_000), .. new byte[3_000_000]]);

        var size = await ImageHeaderReader.ReadUrlAsync(url, Loopback, Ct);

        Assert.Equal(new ImageSize(ImageFormat.Jpeg, 4000, 3000), size);
        var ranges = _server.Requests.Select(r => r.Range).ToArray();
        Assert.Equal("bytes=0-65535", ranges[0]);
        Assert.InRange(ranges.Length, 2, 6);
        Assert.InRange(_server.BytesSent, 64 * 1024, 6 * 64 * 1024);
        Assert.All(_server.Requests, r => Assert.False(r.HasAuthorization));
    }

    [Fact]
    public async Task Url_ServerIgnoringRanges_IsReadOnlyAsFarAsNeeded()
    {
        _server.IgnoreRanges = true;
        var url = _server.Add("norange.gif", [.. TestImages.Gif(640, 480), .. new byte[20_000_000]]);

        var size = await ImageHeaderReader.ReadUrlAsync(url, Loopback, Ct);

        Assert.Equal(new ImageSize(ImageFormat.Gif, 640, 480), size);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task Url_TruncatedFile_IsTheDocumentedException()
    {
        var url = _server.Add("cut.webp", TestImages.WebPExtended(100, 100)[..22]);

        var ex = await Assert.ThrowsAsync<JinaImageHeaderException>(() => ImageHeaderReader.ReadUrlAsync(url, Loopback, Ct));

        Assert.Equal(ImageFormat.WebP, ex.Format);
        Assert.Contains("truncated", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Url_NotFound_IsAnHttpRequestException()
    {
        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => ImageHeaderReader.ReadUrlAsync(new Uri(_server.BaseAddress, "missing.png"), Loopback, Ct));

        Assert.Contains("answered 404 NotFound", ex.Message, StringComparison.Ordinal);
#if !JINACLIP_NETSTANDARD_BUILD
        // netstandard2.0 has no HttpRequestException.StatusCode to set; the status is in the message there.
        Assert.Equal(System.Net.HttpStatusCode.NotFound, ex.StatusCode);
#endif
    }

    [Theory]
    [InlineData("ftp://example.com/a.png")]
    [InlineData("file:///tmp/a.png")]
    public async Task Url_NotHttp_IsRejectedBeforeAnyRequest(string url) =>
        await Assert.ThrowsAsync<ArgumentException>(() => ImageHeaderReader.ReadUrlAsync(new Uri(url), cancellationToken: Ct));

    [Fact]
    public async Task Url_SlowerThanTheTimeout_IsATimeoutNamingTheLimit()
    {
        using var hanging = new HttpClient(new HangingHandler());

        var ex = await Assert.ThrowsAsync<TimeoutException>(() =>
            ImageHeaderReader.ReadUrlAsync(new Uri("https://images.example/slow.png"), new ImageUrlFetchOptions { HttpClient = hanging, Timeout = TimeSpan.FromMilliseconds(50), AllowNonPublicAddresses = true }, Ct));

        Assert.Contains("took longer than 0.05 s", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>Never answers; only cancellation ends a request.</summary>
    private sealed class HangingHandler : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }
}
