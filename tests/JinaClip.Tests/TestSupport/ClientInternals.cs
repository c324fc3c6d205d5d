using System.Reflection;
using JinaClip.Pipeline;

namespace JinaClip.Tests.TestSupport;

/// <summary>Reaches the request pipeline a client built, so tests can check its stages against the documentation.</summary>
internal static class ClientInternals
{
    public static RequestPipeline PipelineOf(JinaEmbeddingClient client)
    {
        var engine = typeof(JinaEmbeddingClient).GetField("_engine", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(client)!;
        return (RequestPipeline)engine.GetType().GetField("_pipeline", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(engine)!;
    }
}
