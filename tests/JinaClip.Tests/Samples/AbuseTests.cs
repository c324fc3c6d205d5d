using System.Net;
using System.Net.Http.Json;
using System.Text;
using JinaClip.Tests.Images;
using JinaClip.WebApi.Catalogue;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace JinaClip.Tests.Samples;

/// <summary>
/// What a stranger can make the web sample do: another site's page posting to it through its visitors' browsers is a
/// 403, a client past its requests per minute is a 429, and a broken upload is a 400 — never a 500.
/// </summary>
public sealed class AbuseTests : IAsyncDisposable
{
    private readonly WebApplicationFactory<ProductCatalogue> _factory = new WebApplicationFactory<ProductCatalogue>().WithWebHostBuilder(b =>
    {
        b.UseSetting("Jina:ApiKey", string.Empty);
        b.UseSetting("Limits:RequestsPerMinutePerClient", "3");
    });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("Origin", "http://evil.example")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    public async Task Upload_FromAnotherSitesPage_Is403BeforeAnyWork(string header, string value)
    {
        using var http = _factory.CreateClient();
        using var form = new MultipartFormDataContent { { new ByteArrayContent(TestImages.Png(8, 8)), "image", "a.png" } };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/gallery/similar") { Content = form };
        request.Headers.Add(header, value);

        var response = await http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Cross-site requests are refused", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_FromThisServersOwnPage_IsServed()
    {
        using var http = _factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/embed") { Content = JsonContent.Create(new { texts = new[] { "a red dog" } }) };
        request.Headers.Add("Origin", http.BaseAddress!.GetLeftPart(UriPartial.Authority));

        var response = await http.SendAsync(request, Ct);

        response.EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task AClientPastItsRequestsPerMinute_Is429_AndThePageStillLoads()
    {
        using var http = _factory.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await http.PostAsJsonAsync("/api/embed", new { texts = new[] { "a red dog" } }, Ct)).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/", Ct)).StatusCode);
    }

    [Fact]
    public async Task Upload_ABrokenMultipartBody_Is400NotA500()
    {
        using var http = _factory.CreateClient();
        using var content = new ByteArrayContent(Encoding.ASCII.GetBytes("--b\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.png\"\r\n\r\n\u0089PNG cut here"));
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=b");

        var response = await http.PostAsync("/api/gallery/similar", content, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("application/problem+json", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();
}
