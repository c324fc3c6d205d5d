namespace JinaClip.Planning;

/// <summary>
/// One request's worth of a call's inputs, already checked: consecutive inputs starting at <see cref="Start"/> in the
/// call (or, when bad inputs were skipped, the inputs at <see cref="Positions"/>), with their token estimate summed
/// once at planning time.
/// </summary>
internal sealed class Batch
{
    public Batch(int start, ReadOnlyMemory<EmbeddingInput> inputs, long estimatedTokens, int[]? positions = null)
    {
        Start = positions is { Length: > 0 } p ? p[0] : start;
        Inputs = inputs;
        EstimatedTokens = estimatedTokens;
        Positions = positions;
    }

    /// <summary>Gets the position in the call of the batch's first input.</summary>
    public int Start { get; }

    /// <summary>Gets each input's position in the call when they are not consecutive, else <see langword="null"/>.</summary>
    public int[]? Positions { get; }

    /// <summary>Gets the position in the call of the batch's input <paramref name="i"/>.</summary>
    public int PositionOf(int i) => Positions?[i] ?? Start + i;

    /// <summary>Gets a batch of some of this batch's inputs (by their places in it), for sending apart.</summary>
    public Batch Part(IReadOnlyList<int> places, long estimatedTokens)
    {
        var inputs = new EmbeddingInput[places.Count];
        var positions = new int[places.Count];
        for (var i = 0; i < places.Count; i++)
        {
            inputs[i] = Inputs.Span[places[i]];
            positions[i] = PositionOf(places[i]);
        }

        return new Batch(positions[0], inputs, estimatedTokens, positions);
    }

    public ReadOnlyMemory<EmbeddingInput> Inputs { get; }

    /// <summary>Gets the quick token estimate of the batch (it feeds the tokens-per-minute limiter).</summary>
    public long EstimatedTokens { get; }

    /// <summary>Gets the positions the batch spans (with skipped inputs between them, it covers those too).</summary>
    public InputRange Range => new(Start, Inputs.Length == 0 ? 0 : PositionOf(Inputs.Length - 1) - Start + 1);
}
