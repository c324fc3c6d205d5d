using System.Net;

namespace JinaClip.Http;

/// <summary>The <see cref="HttpClient"/> a client builds for itself when none is given.</summary>
internal static class DefaultHttpClient
{
    public static HttpClient Create() => new(new SocketsHttpHandler
    {
        // A redirect could carry the request elsewhere; the key goes to the configured endpoint only.
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.All,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    })
    {
        // Each request has its own timeout (JinaClientOptions.NetworkTimeout).
        Timeout = Timeout.InfiniteTimeSpan,
    };
}
