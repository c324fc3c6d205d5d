using JinaClip;

namespace JinaClip.Tests.Docs.Snippets;

/// <summary>README "Large workloads". Compiled, not run: it calls the real API.</summary>
public static class WorkloadSnippets
{
    public interface IVectorStore
    {
        Task SaveAsync(int index, ReadOnlyMemory<float> vector);
    }

    public static async Task Streaming(IVectorStore store, Func<IAsyncEnumerable<EmbeddingInput>> readCatalogue)
    {
        var ReadCatalogue = readCatalogue;
        #region streaming a catalogue
        using var client = new JinaEmbeddingClient(new JinaClientOptions
        {
            MaxBatchSize = 250, MaxConcurrency = 4, RequestsPerMinute = 500, TokensPerMinute = 1_000_000,
        });
        await foreach (var e in client.EmbedStreamAsync(ReadCatalogue(), progress: new Progress<EmbeddingProgress>(
            p => Console.Error.Write($"\r{p.InputsCompleted} done, {p.TokensUsed} tokens, {p.Retries} retries"))))
        {
            await store.SaveAsync(e.Index, e.GetVector());
        }
        #endregion
    }
}
