namespace JinaClip;

/// <summary>
/// How a failed request is retried. Retried: 408, 429, 500, 502, 503, 504, network failures (reset, refused, body cut
/// short), attempt timeouts, and success responses whose body is broken or does not match the inputs. Never retried:
/// 400, 401, 402, 403, 404, 422 and every other status, bad input, and your own cancellation.
/// </summary>
public sealed class JinaRetryOptions
{
    /// <summary>Gets or sets how many times a failed request is retried; 0 turns retries off.</summary>
    /// <value>The default is 3 retries (4 attempts in all).</value>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>Gets or sets the first backoff delay; later ones double (exponential backoff).</summary>
    /// <value>The default is 1 second.</value>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets the longest backoff delay.</summary>
    /// <value>The default is 30 seconds.</value>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets whether backoff delays are randomised (decorrelated jitter) so clients do not retry in step.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool UseJitter { get; set; } = true;

    /// <summary>
    /// Gets or sets the longest wait a <c>Retry-After</c> header can ask for. A server's <c>Retry-After</c> replaces the
    /// backoff delay, but never waits longer than this.
    /// </summary>
    /// <value>The default is 60 seconds.</value>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Gets or sets the source of jitter, as Polly's <c>RetryStrategyOptions.Randomizer</c>: a hidden seam so tests can
    /// assert exact delays. <see langword="null"/> keeps Polly's own.
    /// </summary>
    internal Func<double>? Randomizer { get; set; }

    internal JinaRetryOptions MemberwiseCloneRetry() => (JinaRetryOptions)MemberwiseClone();
}
