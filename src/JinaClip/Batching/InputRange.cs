namespace JinaClip;

/// <summary>A run of consecutive inputs of one call: <see cref="Start"/> to <see cref="End"/>, inclusive.</summary>
/// <param name="Start">Gets the index of the first input.</param>
/// <param name="Count">Gets the number of inputs.</param>
public readonly record struct InputRange(int Start, int Count)
{
    /// <summary>Gets the index of the last input.</summary>
    public int End => Start + Count - 1;

    /// <summary>Formats the range as <c>start..end</c>.</summary>
    /// <returns>The range, e.g. <c>2048..4095</c>.</returns>
    public override string ToString() => Count == 1 ? $"{Start}" : $"{Start}..{End}";
}
