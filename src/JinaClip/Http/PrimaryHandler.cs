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
    public static HttpMessageHandler Create(bool followRedirects, bool decompress) => Create(followRedirects, decompress, guardAddresses: false);

    /// <summary>
    /// The handler for fetching image URLs: no redirects (the fetcher follows same-host ones itself), no compression
    /// (ranged reads), and on .NET a connect callback that refuses non-public addresses (see <see cref="AddressGuard"/>).
    /// </summary>
    public static HttpMessageHandler CreateForFetching() => Create(followRedirects: false, decompress: false, guardAddresses: true);

#pragma warning disable CA1859 // One signature for both target frameworks' handler types.
    private static HttpMessageHandler Create(bool followRedirects, bool decompress, bool guardAddresses)
#pragma warning restore CA1859
    {
#if NET
        return new SocketsHttpHandler
        {
            AllowAutoRedirect = followRedirects,
            MaxAutomaticRedirections = 5,
            AutomaticDecompression = decompress ? DecompressionMethods.All : DecompressionMethods.None,
            PooledConnectionLifetime = ConnectionLifetime,
            ConnectCallback = guardAddresses ? AddressGuard.ConnectAsync : null,
        };
#else
        _ = ConnectionLifetime;
        _ = guardAddresses; // netstandard2.0 has no connect callback: AddressGuard.CheckAsync runs before each request.
        return new HttpClientHandler
        {
            AllowAutoRedirect = followRedirects,
            MaxAutomaticRedirections = 5,
            AutomaticDecompression = decompress ? DecompressionMethods.GZip | DecompressionMethods.Deflate : DecompressionMethods.None,
        };
#endif
    }
}
