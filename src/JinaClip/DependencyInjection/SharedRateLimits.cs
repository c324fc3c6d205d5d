using System.Threading.RateLimiting;

namespace JinaClip.DependencyInjection;

/// <summary>
/// One set of client-side rate limiters per registered client name, shared by every client instance DI hands out
/// (typed clients are transient; the key's limits are not).
/// </summary>
internal sealed class SharedRateLimits : IDisposable
{
    private readonly List<RateLimiter> _owned = [];

    public RateLimiter? Requests { get; private set; }

    public RateLimiter? Tokens { get; private set; }

    public static SharedRateLimits For(JinaClientOptions options)
    {
        var limits = new SharedRateLimits();
        limits.Requests = options.RequestRateLimiter ?? limits.Own(options.RequestsPerMinute);
        limits.Tokens = options.TokenRateLimiter ?? limits.Own(options.TokensPerMinute);
        return limits;
    }

    public void Dispose()
    {
        foreach (var limiter in _owned)
        {
            limiter.Dispose();
        }
    }

    private SlidingWindowRateLimiter? Own(int? perMinute)
    {
        var limiter = Resilience.PerMinuteLimiter.Create(perMinute);
        if (limiter is not null)
        {
            _owned.Add(limiter);
        }

        return limiter;
    }
}
