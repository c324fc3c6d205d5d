namespace JinaClip.Testing;

/// <summary>
/// Per-key limits the emulator enforces as the API does: requests and tokens per window, and requests in flight. A
/// request over a limit gets 429 with the API's code (<c>RATE_REQUEST_LIMIT_EXCEEDED</c>,
/// <c>RATE_TOKEN_LIMIT_EXCEEDED</c>, <c>RATE_CONCURRENCY_LIMIT_EXCEEDED</c>) and <c>Retry-After</c> (the rest of the
/// window, or 1 second for concurrency); every answer carries <c>X-RateLimit-Remaining-Requests</c> and
/// <c>X-RateLimit-Remaining-Tokens</c>. Windows are fixed, aligned to <see cref="Window"/> on the emulator's
/// <see cref="JinaEmulatorOptions.TimeProvider"/>; scale them down for fast tests.
/// </summary>
public sealed class EmulatorQuota
{
    /// <summary>Gets or sets the requests a key may send per window.</summary>
    /// <value>The default is <see langword="null"/>: no limit.</value>
    public int? RequestsPerWindow { get; set; }

    /// <summary>
    /// Gets or sets the tokens a key may use per window. A request is admitted while the window's tokens are under the
    /// limit, and its tokens (its answer's <c>usage.total_tokens</c>) are counted when it is answered.
    /// </summary>
    /// <value>The default is <see langword="null"/>: no limit.</value>
    public long? TokensPerWindow { get; set; }

    /// <summary>Gets or sets the requests a key may have in flight at once.</summary>
    /// <value>The default is <see langword="null"/>: no limit.</value>
    public int? MaxConcurrentRequests { get; set; }

    /// <summary>Gets or sets the length of a window.</summary>
    /// <value>The default is one minute, as the API's per-minute limits.</value>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
