namespace JinaClip;

/// <summary>Gets a <see cref="JinaModelsClient"/> that shares an embeddings client's connection.</summary>
public static class JinaModelsClientExtensions
{
    /// <summary>Gets a catalogue client on the same options, <see cref="HttpClient"/>, rate limiters and pipeline as <paramref name="client"/>.</summary>
    /// <param name="client">The embeddings client.</param>
    /// <returns>The catalogue client; disposing it leaves the connection to <paramref name="client"/>.</returns>
    /// <exception cref="NotSupportedException"><paramref name="client"/> is a mock (made with the protected constructor).</exception>
    public static JinaModelsClient GetModelsClient(this JinaEmbeddingClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var connection = client.Connection ?? throw new NotSupportedException(
            "This JinaEmbeddingClient is a mock (made with the protected constructor) and has no connection to share; create a JinaModelsClient, or mock one.");
        return new JinaModelsClient(connection, ownsConnection: false);
    }
}
