namespace JinaClip.Pipeline;

/// <summary>One job in the <see cref="RequestPipeline"/>; it does its part and hands the message to the stages after it.</summary>
internal abstract class RequestStage
{
    public abstract ValueTask ProcessAsync(PipelineMessage message, ReadOnlyMemory<RequestStage> next);

    protected static ValueTask ProceedAsync(PipelineMessage message, ReadOnlyMemory<RequestStage> next) =>
        next.Span[0].ProcessAsync(message, next.Slice(1));
}
