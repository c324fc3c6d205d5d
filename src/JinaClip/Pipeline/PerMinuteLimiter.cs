using System.Threading.RateLimiting;

namespace JinaClip.Pipeline;

/// <summary>The client-side per-minute limiter behind <c>RequestsPerMinute</c> and <c>TokensPerMinute</c>.</summary>
internal static class PerMinuteLimiter
{
    /// <summary>A sliding one-minute window in 12 five-second segments; waiters queue without limit, oldest first.</summary>
    public static SlidingWindowRateLimiter? Create(int? permitsPerMinute) => permitsPerMinute is { } permits
        ? new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromMinutes(1),
            SegmentsPerWindow = 12,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        })
        : null;
}
