namespace JinaClip.Batching;

/// <summary>One batch's embeddings, re-indexed to their positions in the whole call.</summary>
internal readonly struct BatchResult
{
    public BatchResult(Planning.Batch batch, JinaEmbeddingCollection embeddings)
    {
        Batch = batch;
        Embeddings = embeddings;
    }

    public Planning.Batch Batch { get; }

    public JinaEmbeddingCollection Embeddings { get; }
}
