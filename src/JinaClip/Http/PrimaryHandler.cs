using System.Net;

namespace JinaClip.Http;

/// <summary>
/// The innermost handler of the clients this library builds: <c>SocketsHttpHandler</c> (pooled connections recycled
/// every 5 minutes, so DNS changes are seen) on .NET, <see cref="HttpClientHandler"/> on netstandard2.0.
/// </summary>
internal static class PrimaryHandler
{
    private static readonly TimeSpan ConnectionLifetime = TimeSpan.FromMinutes(5);

    /// <param name="followRedirects">Whether to follow up to 5 redirects. Never for requests that carry the key.</param>
    /// <param name="decompress">Whether to ask for and undo gzip/deflate (and brotli on .NET) compression.</param>
    public static HttpMessageHandler Create(bool followRedirects, bool decompress)
    {
#if NET
        return new SocketsHttpHandler
        {
            AllowAutoRedirect = followRedirects,
            MaxAutomaticRedirections = 5,
            AutomaticDecompression = decompress ? DecompressionMethods.All : DecompressionMethods.None,
            PooledConnectionLifetime = ConnectionLifetime,
        };
#else
        _ = ConnectionLifetime;
        return new HttpClientHandler
        {
            AllowAutoRedirect = followRedirects,
            MaxAutomaticRedirections = 5,
            AutomaticDecompression = decompress ? DecompressionMethods.GZip | DecompressionMethods.Deflate : DecompressionMethods.None,
        };
#endif
    }
}
