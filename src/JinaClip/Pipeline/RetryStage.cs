using JinaClip.Telemetry;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace JinaClip.Pipeline;

/// <summary>
/// Runs the stages after it once per attempt through the one Polly v8 pipeline: a total timeout around retries with
/// exponential backoff, jitter and a capped <c>Retry-After</c> (see <see cref="JinaRetryOptions"/>).
/// </summary>
internal sealed class RetryStage : RequestStage
{
    private static readonly ResiliencePropertyKey<RetryCounter> CounterKey = new("JinaClip.RetryCounter");
    private static readonly ResiliencePropertyKey<Uri> EndpointKey = new("JinaClip.Endpoint");

    private readonly ResiliencePipeline _polly;
    private readonly TimeSpan _totalTimeout;

    public RetryStage(JinaRetryOptions retry, TimeSpan totalTimeout, TimeProvider timeProvider, ILogger logger)
    {
        _totalTimeout = totalTimeout;
        var builder = new ResiliencePipelineBuilder { TimeProvider = timeProvider };
        if (totalTimeout != Timeout.InfiniteTimeSpan)
        {
            builder.AddTimeout(new TimeoutStrategyOptions { Timeout = totalTimeout });
        }

        if (retry.MaxRetryAttempts > 0)
        {
            var cap = retry.MaxRetryAfter;
            var options = new RetryStrategyOptions
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
                    var errorType = args.Outcome.Exception is { } ex ? JinaTelemetry.ErrorType(ex) : "unknown";
                    JinaTelemetry.Retries.Add(1, new KeyValuePair<string, object?>("error.type", errorType));
                    args.Context.Properties.TryGetValue(EndpointKey, out var endpoint);
                    Log.Retrying(logger, endpoint!, errorType, args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds);
                    if (args.Context.Properties.TryGetValue(CounterKey, out var counter))
                    {
                        counter.Increment();
                    }

                    return default;
                },
            };
            if (retry.Randomizer is { } randomizer)
            {
                options.Randomizer = randomizer;
            }

            builder.AddRetry(options);
        }

        _polly = builder.Build();
    }

    public override async ValueTask ProcessAsync(PipelineMessage message, ReadOnlyMemory<RequestStage> next)
    {
        var context = ResilienceContextPool.Shared.Get(message.CancellationToken);
        context.Properties.Set(CounterKey, message.Retries);
        context.Properties.Set(EndpointKey, message.Endpoint);
        var outer = message.CancellationToken;
        try
        {
            await _polly.ExecuteAsync(
                static async (ctx, state) =>
                {
                    state.Message.CancellationToken = ctx.CancellationToken;
                    state.Message.Attempt++;
                    await ProceedAsync(state.Message, state.Next).ConfigureAwait(false);
                },
                context,
                (Message: message, Next: next)).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new TimeoutException(
                $"The request did not complete within {_totalTimeout.TotalSeconds:0.###} s including retries (JinaClientOptions.TotalTimeout).", ex);
        }
        finally
        {
            message.CancellationToken = outer;
            ResilienceContextPool.Shared.Return(context);
        }
    }
}
