namespace JinaClip.WebApi.Api;

/// <summary>
/// The headers every response carries: no content sniffing, no framing, no referrer, and a Content-Security-Policy the
/// page passes (its script, styles and images come from this origin; uploaded previews are blob: or data: URLs).
/// Swagger UI, which runs inline scripts, is served only in Development and keeps its own policy.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>The policy of every response but Swagger UI's.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Adds the headers to every response.</summary>
    /// <param name="app">The application.</param>
    /// <returns>The application.</returns>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            if (!http.Request.Path.StartsWithSegments("/swagger", StringComparison.Ordinal))
            {
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
            }

            return Task.CompletedTask;
        });
        return next(http);
    });
}
