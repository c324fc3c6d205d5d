using System.Runtime.CompilerServices;

namespace JinaClip.Client;

/// <summary>
/// Streaming for a client built with the protected constructor: the stream is cut into chunks and each chunk goes
/// through the subclass's <c>EmbedAsync</c> override, so a fake that overrides that one call streams too.
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
        var chunk = new List<EmbeddingInput>(ChunkSize);
        var offset = 0;
        long tokens = 0;
        var enumerator = inputs.GetAsyncEnumerator(cancellationToken);
        await using (enumerator.ConfigureAwait(false))
        {
            var more = true;
            while (more)
            {
                more = await enumerator.MoveNextAsync().ConfigureAwait(false);
                if (more)
                {
                    chunk.Add(enumerator.Current ?? throw new ArgumentException($"Input {offset + chunk.Count} of the stream is null.", nameof(inputs)));
                }

                if (chunk.Count == ChunkSize || (!more && chunk.Count > 0))
                {
                    var result = await embed(chunk, cancellationToken).ConfigureAwait(false);
                    if (result.Count != chunk.Count)
                    {
                        throw new InvalidOperationException(
                            $"The EmbedAsync override returned {result.Count} embeddings for {chunk.Count} inputs.");
                    }

                    for (var i = 0; i < result.Count; i++)
                    {
                        yield return result[i].WithIndex(offset + i);
                    }

                    offset += chunk.Count;
                    tokens += result.Usage.TotalTokens ?? 0;
                    progress?.Report(new EmbeddingProgress(offset, tokens, 0));
                    chunk = new List<EmbeddingInput>(ChunkSize);
                }
            }
        }
    }
}
