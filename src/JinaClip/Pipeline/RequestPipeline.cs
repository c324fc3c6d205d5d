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

    public RequestPipeline(params RequestStage[] stages)
    {
        _stages = stages;
    }

    /// <summary>Gets the stages in the order a request passes them.</summary>
    public IReadOnlyList<RequestStage> Stages => _stages;

    public async Task<JinaEmbeddingCollection> SendAsync(
        EmbeddingRequest request, long estimatedTokens, RetryCounter retries, ActivityContext traceParent, CancellationToken cancellationToken)
    {
        using var body = new PooledBufferWriter(EmbeddingRequestWriter.EstimateSize(request));
        EmbeddingRequestWriter.Write(request, body);
        var message = new PipelineMessage(request, body.WrittenMemory, estimatedTokens, retries, traceParent, cancellationToken);
        await _stages[0].ProcessAsync(message, _stages.AsMemory(1)).ConfigureAwait(false);
        return message.Result ?? throw new InvalidOperationException("The request pipeline ended without a result; its last stage must be ReadStage.");
    }
}
