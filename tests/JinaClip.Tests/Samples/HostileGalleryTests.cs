using System.Net;
using System.Text.Json;
using JinaClip.Tests.Images;
using JinaClip.WebApi.Api;
using JinaClip.WebApi.Catalogue;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace JinaClip.Tests.Samples;

/// <summary>
/// The web sample as deployed (Production) on a gallery folder that holds more than images: link loops and a FIFO do not
/// stop indexing or repeat an image; only the indexed images are served, never a page, a config file or a link out of the folder; every response carries the security headers;
/// Swagger UI is off and the OpenAPI document names no server taken from the request.
/// </summary>
public sealed class HostileGalleryTests : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("jinaclip-gallery-").FullName;
    private readonly WebApplicationFactory<ProductCatalogue> _factory;

    public HostileGalleryTests()
    {
        File.WriteAllBytes(Path.Combine(_folder, "red.png"), TestImages.Png(64, 48));
        Directory.CreateDirectory(Path.Combine(_folder, "sub"));
        File.WriteAllBytes(Path.Combine(_folder, "sub", "blue.png"), TestImages.Png(48, 64));
        File.WriteAllText(Path.Combine(_folder, "notes.html"), "<script>alert(document.cookie)</script>");
        File.WriteAllText(Path.Combine(_folder, "config.json"), """{"secret": 1}""");
        File.CreateSymbolicLink(Path.Combine(_folder, "passwd.txt"), "/etc/passwd");
        File.CreateSymbolicLink(Path.Combine(_folder, "passwd.jpg"), "/etc/passwd");
        Directory.CreateSymbolicLink(Path.Combine(_folder, "sub", "up"), ".."); // a loop through the parent
        Directory.CreateSymbolicLink(Path.Combine(_folder, "a"), "."); // two loops to the folder itself
        Directory.CreateSymbolicLink(Path.Combine(_folder, "b"), ".");
        Files.ImageFolderTests.MakeFifo(Path.Combine(_folder, "x.jpg")); // opening it would wait for a writer forever
        _factory = new WebApplicationFactory<ProductCatalogue>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting("Jina:ApiKey", string.Empty);
            b.UseSetting("Gallery:Folder", _folder);
        });
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Gallery_LinkLoopsAndAFifo_IndexEachImageOnce_AndTheStatusListsWhatWasSkipped()
    {
        using var http = _factory.CreateClient();

        var status = await MessyGalleryTests.ReadyStatusAsync(http);
        Assert.Equal(2, status.GetProperty("total").GetInt32());
        Assert.Equal(2, status.GetProperty("indexed").GetInt32());
        Assert.Equal(
            ["a is a link to a folder (linked folders are not followed)",
             "b is a link to a folder (linked folders are not followed)",
             "passwd.jpg is a link to a file outside the folder (/etc/passwd)",
             "sub/up is a link to a folder (linked folders are not followed)",
             "x.jpg is empty, or not a regular file (a FIFO, device or socket)"],
            status.GetProperty("skipped").EnumerateArray().Select(s => $"{s.GetProperty("name").GetString()} {s.GetProperty("reason").GetString()}"));
    }

    [Theory]
    [InlineData("/gallery/notes.html")]
    [InlineData("/gallery/config.json")]
    [InlineData("/gallery/passwd.txt")]
    [InlineData("/gallery/passwd.jpg")]
    [InlineData("/gallery/../../etc/passwd")]
    [InlineData("/gallery/sub")]
    public async Task Gallery_AnythingButAnIndexedImageInTheFolder_Is404(string path)
    {
        using var http = _factory.CreateClient();

        var response = await http.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("root:", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/gallery/red.png")]
    [InlineData("/gallery/sub/blue.png")]
    public async Task Gallery_AnIndexedImage_IsServedAsAnImage_WithNoSniff(string path)
    {
        using var http = _factory.CreateClient();
        await MessyGalleryTests.ReadyStatusAsync(http);

        var response = await http.GetAsync(path, Ct);

        response.EnsureSuccessStatusCode();
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/app.js")]
    [InlineData("/api/gallery")]
    [InlineData("/gallery/red.png")]
    [InlineData("/no-such-page")]
    public async Task EveryResponse_CarriesTheSecurityHeaders(string path)
    {
        using var http = _factory.CreateClient();

        var response = await http.GetAsync(path, Ct);

        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.Contains("frame-ancestors 'none'", SecurityHeaders.ContentSecurityPolicy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_HasNoSwaggerUi_AndTheOpenApiDocumentNamesNoServerFromTheHostHeader()
    {
        using var http = _factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json");
        request.Headers.Host = "evil.example";

        var swagger = await http.GetAsync("/swagger/index.html", Ct);
        var document = await http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.NotFound, swagger.StatusCode);
        var text = await document.Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain("evil.example", text, StringComparison.Ordinal);
        Assert.False(JsonDocument.Parse(text).RootElement.TryGetProperty("servers", out var servers) && servers.GetArrayLength() > 0);
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
