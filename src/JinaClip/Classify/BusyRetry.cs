using Polly;
using Polly.Retry;

namespace JinaClip.Classify;

/// <summary>
/// Sends one classifier request again while the API answers 409 (<see cref="JinaResourceBusyException"/>: the
/// classifier is training), waiting <c>Retry-After</c> or <see cref="DefaultDelay"/> between tries on the client's
/// <see cref="TimeProvider"/>, until the next wait would pass the caller's timeout; then the last 409 is thrown. A Polly
/// retry around the request pipeline's own (which retries transient failures, never a 409).
/// </summary>
internal static class BusyRetry
{
    /// <summary>The wait between tries when the API sends no <c>Retry-After</c>.</summary>
    public static readonly TimeSpan DefaultDelay = TimeSpan.FromSeconds(5);

    public static async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> send, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        if (timeout <= TimeSpan.Zero)
        {
            return await send(cancellationToken).ConfigureAwait(false);
        }

        var started = time.GetTimestamp();
        var pipeline = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => new ValueTask<bool>(
                    args.Outcome.Exception is JinaResourceBusyException busy && time.GetElapsedTime(started) + DelayOf(busy) <= timeout),
                DelayGenerator = args => new ValueTask<TimeSpan?>(DelayOf(args.Outcome.Exception as JinaResourceBusyException)),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Constant,
                UseJitter = false,
                Delay = DefaultDelay,
            })
            .Build();
        return await pipeline.ExecuteAsync(static async (state, ct) => await state(ct).ConfigureAwait(false), send, cancellationToken).ConfigureAwait(false);
    }

    private static TimeSpan DelayOf(JinaResourceBusyException? busy) => busy?.RetryAfter is { } wait && wait > TimeSpan.Zero ? wait : DefaultDelay;
}
