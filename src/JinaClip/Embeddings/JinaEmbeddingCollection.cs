using System.Collections.ObjectModel;

namespace JinaClip;

/// <summary>The embeddings of one call, one per input, in input order, with the model and the tokens used.</summary>
public sealed class JinaEmbeddingCollection : ReadOnlyCollection<JinaEmbedding>
{
    /// <summary>Creates a collection.</summary>
    /// <param name="embeddings">The embeddings; the item at position <c>i</c> must have <see cref="JinaEmbedding.Index"/> <c>i</c>.</param>
    /// <param name="model">The model the API reported.</param>
    /// <param name="usage">The tokens used.</param>
    /// <exception cref="ArgumentException">An embedding is not at the position of its index.</exception>
    public JinaEmbeddingCollection(IList<JinaEmbedding> embeddings, string model, EmbeddingUsage usage)
        : base(embeddings)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(usage);
        for (var i = 0; i < embeddings.Count; i++)
        {
            if (embeddings[i] is null || embeddings[i].Index != i)
            {
                throw new ArgumentException($"The embedding at position {i} must have index {i}.", nameof(embeddings));
            }
        }

        Model = model;
        Usage = usage;
    }

    /// <summary>Gets the model that produced the embeddings.</summary>
    public string Model { get; }

    /// <summary>Gets the tokens the call was billed for.</summary>
    public EmbeddingUsage Usage { get; }
}
