using JinaClip.Pipeline;
using JinaClip.Tests.TestSupport;

namespace JinaClip.Tests.Pipeline;

/// <summary>The request pipeline's stages, in the order the issue and docs/architecture.md give.</summary>
public class RequestPipelineTests
{
    [Fact]
    public void Client_BuildsThePipelineInTheDocumentedOrder()
    {
        using var client = new JinaEmbeddingClient(new JinaClientOptions { ApiKey = "jina_order" });
        var pipeline = ClientInternals.PipelineOf(client);

        Assert.Equal(
            [typeof(RateLimitStage), typeof(RetryStage), typeof(ConcurrencyStage), typeof(AttemptTimeoutStage), typeof(EndpointAuthStage), typeof(TelemetryStage), typeof(SendStage), typeof(ReadStage)],
            pipeline.Stages.Select(s => s.GetType()));
    }
}
