using System.Threading.RateLimiting;

namespace JinaClip.Pipeline;

/// <summary>
/// The client-side limiters of one client, or of one DI registration shared by every client it hands out: the
/// caller's own limiters when given, else per-minute limiters made from the options and owned (disposed) here.
/// </summary>
internal sealed class RateLimits : IDisposable
{
    private readonly List<RateLimiter> _owned = [];

    private RateLimits()
    {
    }

    public RateLimiter? Requests { get; private set; }

    public RateLimiter? Tokens { get; private set; }

    public RateLimiter? Concurrency { get; private set; }

    public static RateLimits For(JinaClientOptions options)
    {
        var limits = new RateLimits();
        limits.Requests = options.RequestRateLimiter ?? limits.Own(options.RequestsPerMinute);
        limits.Tokens = options.TokenRateLimiter ?? limits.Own(options.TokensPerMinute);
        limits.Concurrency = options.ConcurrencyLimiter ?? limits.OwnConcurrency(options.MaxConcurrentRequests);
        return limits;
    }

    public void Dispose()
    {
        foreach (var limiter in _owned)
        {
            limiter.Dispose();
        }
    }

    private ConcurrencyLimiter? OwnConcurrency(int? permits)
    {
        if (permits is not { } limit)
        {
            return null;
        }

        // Waiters are served oldest first and never turned away: the wait is bounded by the call's TotalTimeout.
        var limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = limit,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        _owned.Add(limiter);
        return limiter;
    }

    private SlidingWindowRateLimiter? Own(int? perMinute)
    {
        var limiter = PerMinuteLimiter.Create(perMinute);
        if (limiter is not null)
        {
            _owned.Add(limiter);
        }

        return limiter;
    }
}
