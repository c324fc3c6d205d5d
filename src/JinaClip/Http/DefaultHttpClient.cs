namespace JinaClip.Http;

/// <summary>The <see cref="HttpClient"/> a client builds for itself when none is given.</summary>
internal static class DefaultHttpClient
{
    // A redirect could carry the request elsewhere; the key goes to the configured endpoint only.
    public static HttpClient Create() => new(PrimaryHandler.Create(followRedirects: false, decompress: true))
    {
        // Each request has its own timeout (JinaClientOptions.NetworkTimeout).
        Timeout = Timeout.InfiniteTimeSpan,
    };
}
