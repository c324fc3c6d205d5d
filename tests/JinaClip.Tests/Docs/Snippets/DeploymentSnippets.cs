#if !JINACLIP_NETSTANDARD_BUILD // the web sample is ASP.NET Core: its deployment is tested with the samples, not on the netstandard2.0 build
using System.Net;
using JinaClip.WebApi.Catalogue;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace JinaClip.Tests.Docs.Snippets;

/// <summary>README "Deploying the web sample": the two lines that put the whole sample behind a sign-in, applied to the sample.</summary>
public sealed class DeploymentSnippets
{
    [Theory]
    [InlineData("/", HttpStatusCode.Redirect)]
    [InlineData("/app.js", HttpStatusCode.Redirect)]
    [InlineData("/gallery/snowman.jpg", HttpStatusCode.Redirect)]
    [InlineData("/api/gallery", HttpStatusCode.Unauthorized)] // an API endpoint: no redirect to a page
    public async Task RequireSignIn_EveryPageImageAndApiCall_NeedsASignedInUser(string path, HttpStatusCode expected)
    {
        await using var factory = new WebApplicationFactory<ProductCatalogue>().WithWebHostBuilder(b =>
        {
            b.UseSetting("Jina:ApiKey", string.Empty);
            b.ConfigureServices(services => RequireSignIn(new AppBuilder(services)));
        });
        using var http = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await http.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Redirect)
        {
            Assert.Equal("/Account/Login", response.Headers.Location!.AbsolutePath); // the cookie scheme's sign-in page
        }
    }

    private static void RequireSignIn(AppBuilder builder)
    {
        #region requireSignIn
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(); // or OpenID Connect, Entra ID, …
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build()); // every request, files too
        #endregion
    }

    /// <summary>Stands in for the <c>WebApplicationBuilder</c> of the sample's Program.cs, whose <c>Services</c> the lines use.</summary>
    private sealed record AppBuilder(IServiceCollection Services);
}
#endif
