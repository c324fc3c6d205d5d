using System.Collections.ObjectModel;

namespace JinaClip;

/// <summary>
/// The embeddings of one call, one per input, in input order, with the model and the tokens used. Built by the SDK;
/// see <see cref="JinaClipModelFactory"/> for tests.
/// </summary>
public sealed class JinaEmbeddingCollection : ReadOnlyCollection<JinaEmbedding>
{
    internal JinaEmbeddingCollection(IList<JinaEmbedding> embeddings, string model, EmbeddingUsage usage, bool validated = false)
        : base(embeddings)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(usage);
        for (var i = 0; !validated && i < embeddings.Count; i++)
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
