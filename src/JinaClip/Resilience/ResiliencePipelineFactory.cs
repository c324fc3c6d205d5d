using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace JinaClip.Resilience;

/// <summary>
/// The one resilience pipeline definition (Polly v8): a total timeout around retries with exponential backoff, jitter
/// and a capped <c>Retry-After</c>. Each attempt's own timeout is <see cref="JinaClientOptions.NetworkTimeout"/>.
/// The pipeline sits above HTTP, so the client owns retries whether it was built directly or through DI.
/// </summary>
internal static class ResiliencePipelineFactory
{
    public static readonly ResiliencePropertyKey<RetryCounter> CounterKey = new("JinaClip.RetryCounter");

    public static ResiliencePipeline Create(JinaRetryOptions retry, TimeSpan totalTimeout, TimeProvider timeProvider, ILogger logger, Uri endpoint)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = timeProvider };
        if (totalTimeout != Timeout.InfiniteTimeSpan)
        {
            builder.AddTimeout(new TimeoutStrategyOptions { Timeout = totalTimeout });
        }

        if (retry.MaxRetryAttempts > 0)
        {
            var cap = retry.MaxRetryAfter;
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(TransientFailures.IsTransient),
                MaxRetryAttempts = retry.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                Delay = retry.BaseDelay,
                MaxDelay = retry.MaxDelay,
                UseJitter = retry.UseJitter,
                DelayGenerator = args => new ValueTask<TimeSpan?>(
                    args.Outcome.Exception is JinaApiException { RetryAfter: { } wait } ? (wait < cap ? wait : cap) : null),
                OnRetry = args =>
                {
                    var errorType = args.Outcome.Exception is { } ex ? Telemetry.JinaTelemetry.ErrorType(ex) : "unknown";
                    Telemetry.JinaTelemetry.Retries.Add(1, new KeyValuePair<string, object?>("error.type", errorType));
                    var delayMs = args.RetryDelay.TotalMilliseconds;
                    Telemetry.Log.Retrying(logger, endpoint, errorType, args.AttemptNumber + 1, delayMs);
                    if (args.Context.Properties.TryGetValue(CounterKey, out var counter))
                    {
                        counter.Increment();
                    }

                    return default;
                },
            });
        }

        return builder.Build();
    }
}
