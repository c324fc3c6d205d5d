using System.Collections.ObjectModel;

namespace JinaClip;

/// <summary>
/// The embeddings of one call, one per input, in input order, with the model and the tokens used. With
/// <see cref="EmbeddingOptions.SkipBadInputs"/>, the inputs left out are in <see cref="Failures"/>, and each embedding's
/// <see cref="JinaEmbedding.Index"/> is still its input's position in the call. Built by the SDK; see
/// <see cref="JinaClipModelFactory"/> for tests.
/// </summary>
public sealed class JinaEmbeddingCollection : ReadOnlyCollection<JinaEmbedding>
{
    internal JinaEmbeddingCollection(IList<JinaEmbedding> embeddings, string model, EmbeddingUsage usage, bool validated = false, IReadOnlyList<InputFailure>? failures = null)
        : base(embeddings)
    {
        Failures = failures ?? [];
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

    /// <summary>
    /// Gets the inputs left out by <see cref="EmbeddingOptions.SkipBadInputs"/>, in input order; empty without it (a bad
    /// input then fails the call).
    /// </summary>
    public IReadOnlyList<InputFailure> Failures { get; }
}
