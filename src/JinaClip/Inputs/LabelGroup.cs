namespace JinaClip;

/// <summary>
/// A named group of candidate labels for zero-shot classification (<c>labels</c> as an object on the wire): each input
/// gets one prediction per group, so one call can ask "which animal?" and "which style?" at once.
/// </summary>
public sealed class LabelGroup
{
    /// <summary>Creates a group.</summary>
    /// <param name="name">The group's name, the key of its prediction.</param>
    /// <param name="labels">Its candidate labels, in your order (up to 64; checked when the call is made).</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> or <paramref name="labels"/> is null.</exception>
    public LabelGroup(string name, IEnumerable<string> labels)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(labels);
        Name = name;
        Labels = [.. labels];
    }

    /// <summary>Gets the group's name.</summary>
    public string Name { get; }

    /// <summary>Gets the group's candidate labels, in the order given.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>Describes the group.</summary>
    /// <returns>The name and the labels.</returns>
    public override string ToString() => $"{Name}: {string.Join(", ", Labels)}";
}
