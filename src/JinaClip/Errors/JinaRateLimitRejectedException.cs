namespace JinaClip;

/// <summary>
/// A client-side rate limiter (<see cref="JinaClientOptions.RequestRateLimiter"/>, <see cref="JinaClientOptions.TokenRateLimiter"/>
/// or one made from the per-minute options) refused the permits a request needs: its queue is full, or the request asks
/// for more than it can ever grant. Nothing was sent; the SDK does not retry it.
/// </summary>
public sealed class JinaRateLimitRejectedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Which limiter refused, and how many permits were asked for.</param>
    /// <param name="retryAfter">How long the limiter suggested waiting, if it said.</param>
    public JinaRateLimitRejectedException(string message, TimeSpan? retryAfter = null)
        : base(message)
    {
        RetryAfter = retryAfter;
    }

    /// <summary>Gets how long the limiter suggested waiting before trying again, when it said.</summary>
    public TimeSpan? RetryAfter { get; }
}
