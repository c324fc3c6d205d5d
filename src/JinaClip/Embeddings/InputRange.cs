namespace JinaClip;

/// <summary>A run of consecutive inputs of one call: <see cref="Start"/> to <see cref="End"/>, inclusive. Built by the SDK; see <see cref="JinaClipModelFactory"/> for tests.</summary>
public readonly struct InputRange : IEquatable<InputRange>
{
    internal InputRange(int start, int count)
    {
        Start = start;
        Count = count;
    }

    /// <summary>Gets the index of the first input.</summary>
    public int Start { get; }

    /// <summary>Gets the number of inputs.</summary>
    public int Count { get; }

    /// <summary>Gets the index of the last input.</summary>
    public int End => Start + Count - 1;

    /// <summary>Compares two ranges.</summary>
    /// <param name="left">A range.</param>
    /// <param name="right">Another range.</param>
    /// <returns>Whether they have the same start and count.</returns>
    public static bool operator ==(InputRange left, InputRange right) => left.Equals(right);

    /// <summary>Compares two ranges.</summary>
    /// <param name="left">A range.</param>
    /// <param name="right">Another range.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(InputRange left, InputRange right) => !left.Equals(right);

    /// <inheritdoc/>
    public bool Equals(InputRange other) => Start == other.Start && Count == other.Count;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is InputRange other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => (Start * 397) ^ Count;

    /// <summary>Formats the range as <c>start..end</c>.</summary>
    /// <returns>The range, e.g. <c>2048..4095</c>.</returns>
    public override string ToString() => Count == 1 ? $"{Start}" : $"{Start}..{End}";
}
