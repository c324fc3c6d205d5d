using JinaClip.Pipeline;

namespace JinaClip.Tests.TestSupport;

/// <summary>Reaches the request pipeline a client built, so tests can check its stages against the documentation.</summary>
internal static class ClientInternals
{
    public static RequestPipeline PipelineOf(JinaEmbeddingClient client) =>
        (client.Connection ?? throw new InvalidOperationException("A mock has no pipeline.")).Pipeline;
}
