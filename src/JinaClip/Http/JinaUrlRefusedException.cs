namespace JinaClip;

/// <summary>
/// A URL the SDK was about to fetch (an image URL whose header is read for an estimate or the token-budget guard) was
/// refused by its fetch rules before any byte was exchanged with the refused address: it resolves to a loopback,
/// private, link-local or other non-public address, or it redirected to another host, to plain http, or too often.
/// See <see cref="ImageUrlFetchOptions"/>. Derives from <see cref="HttpRequestException"/>, so code that handles a
/// failed fetch handles it too.
/// </summary>
public sealed class JinaUrlRefusedException : HttpRequestException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="url">The URL that was refused.</param>
    /// <param name="message">Why it was refused.</param>
    public JinaUrlRefusedException(Uri url, string message)
        : base(message)
    {
        ArgumentNullException.ThrowIfNull(url);
        Url = url;
    }

    /// <summary>Gets the URL that was refused (the redirect target, when a redirect was refused).</summary>
    public Uri Url { get; }
}
