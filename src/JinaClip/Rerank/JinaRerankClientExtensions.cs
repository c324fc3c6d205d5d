using JinaClip.Rerank;

namespace JinaClip;

/// <summary>Gets a <see cref="JinaRerankClient"/> that shares an embeddings client's connection.</summary>
public static class JinaRerankClientExtensions
{
    /// <summary>
    /// Gets a rerank client on the same options, <see cref="HttpClient"/>, rate limiters and request pipeline as
    /// <paramref name="client"/>, so both count against the same limits. Disposing it disposes nothing: the embeddings
    /// client owns the connection.
    /// </summary>
    /// <param name="client">The embeddings client.</param>
    /// <returns>The rerank client.</returns>
    /// <exception cref="NotSupportedException"><paramref name="client"/> is a mock (made with the protected constructor).</exception>
    public static JinaRerankClient GetRerankClient(this JinaEmbeddingClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var connection = client.Connection ?? throw new NotSupportedException(
            "This JinaEmbeddingClient is a mock (made with the protected constructor) and has no connection to share; create a JinaRerankClient, or mock one.");
        return new JinaRerankClient(connection, ownsConnection: false);
    }
}
