namespace JinaClip;

/// <summary>
/// How image URLs are fetched when the SDK reads their headers (<see cref="ImageHeaderReader.ReadUrlAsync(Uri, ImageUrlFetchOptions?, CancellationToken)"/>, estimates
/// and the token-budget guard). The requests carry no API key. In a server app the URLs may come from users, so by
/// default a fetch refuses non-public addresses and redirects to another host: see <see cref="JinaUrlRefusedException"/>.
/// </summary>
public sealed class ImageUrlFetchOptions
{
    /// <summary>Gets or sets the client that sends the ranged GETs.</summary>
    /// <value>
    /// The default is <see langword="null"/>: a shared client that follows no redirect by itself and, on .NET, checks the
    /// address it connects to. Registered with <c>AddJinaClient</c>, the client is the named
    /// <see cref="System.Net.Http.IHttpClientFactory"/> client <c>JinaClip.Images</c> instead. A client of your own should
    /// not follow redirects: if it does, a response that ended on another host is refused, but the request was made.
    /// </value>
    public HttpClient? HttpClient { get; set; }

    /// <summary>Gets or sets whether URLs may reach loopback, private, link-local (cloud metadata) and other non-public addresses.</summary>
    /// <value>
    /// The default is <see langword="false"/>: the host is resolved before each request (and each redirect) and refused if
    /// any of its addresses is non-public. Set it only when every URL comes from a trusted source.
    /// </value>
    public bool AllowNonPublicAddresses { get; set; }

    /// <summary>Gets or sets how long reading one URL's header may take in all, redirects included.</summary>
    /// <value>The default is 10 seconds. Must be positive.</value>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets how many redirects a read follows. Only redirects to the same host are followed, never from https to http.</summary>
    /// <value>The default is 5. 0 follows none.</value>
    public int MaxRedirects { get; set; } = 5;
}
