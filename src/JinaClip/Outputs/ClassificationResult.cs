using System.Collections;
using System.Globalization;

namespace JinaClip;

/// <summary>The classifications of a call, one per input in input order (item <c>i</c> has <see cref="ClassifiedInput.Index"/> <c>i</c>).</summary>
public sealed class ClassificationResult : IReadOnlyList<ClassifiedInput>
{
    private readonly IReadOnlyList<ClassifiedInput> _items;

    /// <summary>Creates a result over its classifications (an array, or a list that builds each one when it is read).</summary>
    internal ClassificationResult(IReadOnlyList<ClassifiedInput> items, string model, long? totalTokens)
    {
        _items = items;
        Model = model;
        TotalTokens = totalTokens;
    }

    /// <summary>Gets the model (or, for a few-shot call, the classifier) the API reported; for a local call, the embedding model.</summary>
    public string Model { get; }

    /// <summary>Gets the tokens the call used (summed over its requests), or <see langword="null"/> when not reported (0 for a local call).</summary>
    public long? TotalTokens { get; }

    /// <summary>Gets the usage in the embeddings client's shape.</summary>
    public EmbeddingUsage Usage => new(TotalTokens);

    /// <inheritdoc/>
    public int Count => _items.Count;

    /// <inheritdoc/>
    public ClassifiedInput this[int index] => _items[index];

    /// <inheritdoc/>
    public IEnumerator<ClassifiedInput> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Describes the result.</summary>
    /// <returns>The count, model and tokens.</returns>
    public override string ToString() =>
        $"ClassificationResult {{ Count = {Count}, Model = {Model}, TotalTokens = {TotalTokens?.ToString(CultureInfo.InvariantCulture) ?? "null"} }}";
}
