namespace JinaClip.Planning;

/// <summary>Collects the positions of one batch of a list call as they pass their checks, and makes the batch.</summary>
internal sealed class BatchBuilder
{
    private readonly List<int> _positions = [];

    public int Count => _positions.Count;

    public long Tokens { get; private set; }

    public void Add(int position, int cost)
    {
        _positions.Add(position);
        Tokens += cost;
    }

    /// <summary>Makes the batch (a slice of <paramref name="inputs"/> when its positions are consecutive) and starts afresh.</summary>
    public Batch Build(EmbeddingInput[] inputs)
    {
        var first = _positions[0];
        var consecutive = _positions[^1] - first == _positions.Count - 1;
        var batch = consecutive
            ? new Batch(first, inputs.AsMemory(first, _positions.Count), Tokens)
            : new Batch(first, _positions.Select(p => inputs[p]).ToArray(), Tokens, [.. _positions]);
        _positions.Clear();
        Tokens = 0;
        return batch;
    }
}
