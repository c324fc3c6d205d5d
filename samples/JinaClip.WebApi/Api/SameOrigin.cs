namespace JinaClip.WebApi.Api;

/// <summary>
/// Refuses a write to the API that a browser sends for another site's page: a POST whose <c>Origin</c> is not this
/// server's own (or whose <c>Sec-Fetch-Site</c> says cross-site) is a 403 before any work is done, so no web page can
/// make its visitors' browsers upload images or spend the deployer's tokens. Callers that are not browsers (curl, other
/// servers) send no <c>Origin</c> and are not affected.
/// </summary>
public static class SameOrigin
{
    /// <summary>Adds the check to every POST under <c>/api/</c>.</summary>
    /// <param name="app">The application.</param>
    /// <returns>The application.</returns>
    public static IApplicationBuilder UseSameOriginWrites(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        var request = http.Request;
        if (HttpMethods.IsPost(request.Method) && request.Path.StartsWithSegments("/api", StringComparison.Ordinal) && CrossSite(request) is { } from)
        {
            return ApiProblems.Problem(http, StatusCodes.Status403Forbidden, $"Cross-site requests are refused (from {from}): the API answers pages of this server only.").ExecuteAsync(http);
        }

        return next(http);
    });

    private static string? CrossSite(HttpRequest request)
    {
        if (string.Equals(request.Headers["Sec-Fetch-Site"], "cross-site", StringComparison.OrdinalIgnoreCase))
        {
            return request.Headers.Origin is { Count: > 0 } o ? o.ToString() : "another site";
        }

        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return null;
        }

        return Uri.TryCreate(origin, UriKind.Absolute, out var uri) && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase)
            ? null
            : origin;
    }
}
