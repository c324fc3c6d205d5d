using System.Diagnostics;
using JinaClip.Wire;

namespace JinaClip.Pipeline;

/// <summary>
/// The one request pipeline, in this order: <see cref="RateLimitStage"/> → <see cref="RetryStage"/> →
/// <see cref="AttemptTimeoutStage"/> → <see cref="EndpointAuthStage"/> → <see cref="TelemetryStage"/> →
/// <see cref="SendStage"/> → <see cref="ReadStage"/>. Each stage has one job; the request body is written once, before
/// the first stage, and reused by every attempt.
/// </summary>
internal sealed class RequestPipeline
{
    private readonly RequestStage[] _stages;
    private readonly Uri _endpoint;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Uri> _urls = new(StringComparer.Ordinal);

    /// <summary>Creates the pipeline.</summary>
    /// <param name="endpoint">The configured endpoint (checked, ending with a slash); every call's path goes under it.</param>
    /// <param name="stages">The stages in order.</param>
    public RequestPipeline(Uri endpoint, params RequestStage[] stages)
    {
        _endpoint = endpoint;
        _stages = stages;
    }

    /// <summary>Gets the configured endpoint.</summary>
    public Uri Endpoint => _endpoint;

    /// <summary>Gets the stages in the order a request passes them.</summary>
    public IReadOnlyList<RequestStage> Stages => _stages;

    /// <summary>Gets the URL of a path under the endpoint.</summary>
    public Uri UrlOf(string path)
    {
        if (!_urls.TryGetValue(path, out var url))
        {
            url = _urls.GetOrAdd(path, new Uri(_endpoint, path));
        }

        return url;
    }

    /// <summary>Sends one call through every stage and returns its checked result.</summary>
    /// <typeparam name="TResult">The type of the call's result.</typeparam>
    public async Task<TResult> SendAsync<TResult>(
        ApiCall call, long estimatedTokens, RetryCounter retries, ActivityContext traceParent, CancellationToken cancellationToken)
        where TResult : class
    {
        using var body = new PooledBufferWriter(call.HasBody ? call.EstimateBodySize() : 1);
        if (call.HasBody)
        {
            call.WriteBody(body);
        }

        var message = new PipelineMessage(call, UrlOf(call.Path), body.WrittenMemory, estimatedTokens, retries, traceParent, cancellationToken);
        await _stages[0].ProcessAsync(message, _stages.AsMemory(1)).ConfigureAwait(false);
        return message.Result?.Value as TResult
            ?? throw new InvalidOperationException("The request pipeline ended without a result; its last stage must be ReadStage.");
    }
}
