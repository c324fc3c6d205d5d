using System.Threading.RateLimiting;

namespace JinaClip.Pipeline;

/// <summary>
/// Takes one request permit and the batch's estimated tokens from the client-side limiters, once per request (its
/// retries are paced by backoff and <c>Retry-After</c>, not by the limiters), and holds them until the request ends.
/// </summary>
internal sealed class RateLimitStage : RequestStage
{
    private readonly RateLimiter? _requests;
    private readonly RateLimiter? _tokens;
    private readonly long _tokenPermitCap;

    public RateLimitStage(RateLimiter? requests, RateLimiter? tokens, int? tokensPerMinute)
    {
        _requests = requests;
        _tokens = tokens;

        // One request may be estimated above a whole minute's budget: it then waits for a full window, never forever.
        _tokenPermitCap = tokensPerMinute ?? int.MaxValue;
    }

    public override async ValueTask ProcessAsync(PipelineMessage message, ReadOnlyMemory<RequestStage> next)
    {
        using var requestLease = await AcquireAsync(_requests, 1, "request rate", "request", message.CancellationToken).ConfigureAwait(false);
        var tokens = (int)Math.Min(Math.Min(message.EstimatedTokens, _tokenPermitCap), int.MaxValue);
        using var tokenLease = await AcquireAsync(_tokens, tokens, "token rate", "token", message.CancellationToken).ConfigureAwait(false);
        await ProceedAsync(message, next).ConfigureAwait(false);
    }

    /// <summary>Acquires <paramref name="permits"/> from a limiter (none when it is null), or throws the refusal naming the limiter.</summary>
    public static async ValueTask<RateLimitLease?> AcquireAsync(RateLimiter? limiter, int permits, string limiterName, string kind, CancellationToken cancellationToken)
    {
        if (limiter is null)
        {
            return null;
        }

        var lease = await limiter.AcquireAsync(permits, cancellationToken).ConfigureAwait(false);
        if (!lease.IsAcquired)
        {
            TimeSpan? retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : null;
            var reason = lease.TryGetMetadata(MetadataName.ReasonPhrase, out var phrase) && !string.IsNullOrEmpty(phrase) ? $" ({phrase})" : string.Empty;
            lease.Dispose();
            throw new JinaRateLimitRejectedException(
                $"The client-side {limiterName} limiter refused {permits:N0} {kind} permit(s){reason}: its queue is full, or one request needs more than it can grant. Nothing was sent.",
                retryAfter);
        }

        return lease;
    }
}
