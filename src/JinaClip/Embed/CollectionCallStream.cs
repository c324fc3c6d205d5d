using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using JinaClip.Engine;

namespace JinaClip.Embed;

/// <summary>
/// Streaming for a client built with the protected constructor: the stream is cut into chunks and each chunk goes
/// through the subclass's <c>EmbedAsync</c> override, one at a time on the engine, so a fake that overrides that one
/// call streams too.
/// </summary>
internal static class CollectionCallStream
{
    /// <summary>The most inputs handed to the override at once.</summary>
    public const int ChunkSize = 512;

    public static async IAsyncEnumerable<JinaEmbedding> RunAsync(
        Func<IReadOnlyList<EmbeddingInput>, CancellationToken, Task<JinaEmbeddingCollection>> embed,
        IAsyncEnumerable<EmbeddingInput> inputs,
        IProgress<EmbeddingProgress>? progress,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var done = 0;
        long tokens = 0;
        var chunks = RequestEngine.RunAsync(
            Chunks(inputs, cancellationToken),
            async (chunk, ct) => (chunk, await embed(chunk.Inputs, ct).ConfigureAwait(false)),
            new EngineLimits(1, 1),
            new EngineRun(),
            cancellationToken);
        var enumerator = chunks.GetAsyncEnumerator(cancellationToken);
        await using (enumerator.ConfigureAwait(false))
        {
            while (await MoveNextAsync(enumerator).ConfigureAwait(false))
            {
                var (chunk, result) = enumerator.Current;
                if (result.Count != chunk.Inputs.Count)
                {
                    throw new InvalidOperationException(
                        $"The EmbedAsync override returned {result.Count} embeddings for {chunk.Inputs.Count} inputs.");
                }

                for (var i = 0; i < result.Count; i++)
                {
                    yield return result[i].WithIndex(chunk.Offset + i);
                }

                done += chunk.Inputs.Count;
                tokens += result.Usage.TotalTokens ?? 0;
                progress?.Report(new EmbeddingProgress(done, tokens, 0));
            }
        }
    }

    private static async ValueTask<bool> MoveNextAsync(IAsyncEnumerator<(StreamChunk, JinaEmbeddingCollection)> enumerator)
    {
        try
        {
            return await enumerator.MoveNextAsync().ConfigureAwait(false);
        }
        catch (EngineFailure<StreamChunk, (StreamChunk, JinaEmbeddingCollection)> failure)
        {
            // The override's own exception, as a caller of the override would see it.
            ExceptionDispatchInfo.Capture(failure.Failures[0].Error).Throw();
            throw; // not reached
        }
    }

    private static async IAsyncEnumerable<StreamChunk> Chunks(IAsyncEnumerable<EmbeddingInput> inputs, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var chunk = new List<EmbeddingInput>(ChunkSize);
        var offset = 0;
        await foreach (var input in inputs.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            chunk.Add(input ?? throw new ArgumentException($"Input {offset + chunk.Count} of the stream is null.", nameof(inputs)));
            if (chunk.Count == ChunkSize)
            {
                yield return new StreamChunk(offset, chunk);
                offset += chunk.Count;
                chunk = new List<EmbeddingInput>(ChunkSize);
            }
        }

        if (chunk.Count > 0)
        {
            yield return new StreamChunk(offset, chunk);
        }
    }

    private sealed record StreamChunk(int Offset, List<EmbeddingInput> Inputs);
}
