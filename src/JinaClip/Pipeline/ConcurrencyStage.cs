using System.Threading.RateLimiting;

namespace JinaClip.Pipeline;

/// <summary>
/// With a limit set, holds one permit of the connection's concurrency limiter (<see cref="JinaClientOptions.MaxConcurrentRequests"/> or
/// <see cref="JinaClientOptions.ConcurrencyLimiter"/>) while an attempt is in flight: inside the retry stage, so a
/// request waiting out a back-off holds none, and before the attempt's timeout, so waiting for a permit does not eat it.
/// </summary>
internal sealed class ConcurrencyStage : RequestStage
{
    private readonly RateLimiter? _limiter;

    public ConcurrencyStage(RateLimiter? limiter)
    {
        _limiter = limiter;
    }

    // Without a limit the stage adds no state machine of its own: it hands the message straight on.
    public override ValueTask ProcessAsync(PipelineMessage message, ReadOnlyMemory<RequestStage> next) =>
        _limiter is null ? ProceedAsync(message, next) : LimitedAsync(_limiter, message, next);

    private static async ValueTask LimitedAsync(RateLimiter limiter, PipelineMessage message, ReadOnlyMemory<RequestStage> next)
    {
        using var lease = await RateLimitStage.AcquireAsync(limiter, 1, "concurrency", "concurrency", message.CancellationToken).ConfigureAwait(false);
        await ProceedAsync(message, next).ConfigureAwait(false);
    }
}
