using System.Text.Json;

namespace JinaClip.Wire;

/// <summary>
/// The labels of a zero-shot call laid out flat, group after group (one unnamed group for plain labels), with each
/// label's position, so that an answer's scores land in the order the labels were sent.
/// </summary>
internal sealed class LabelLayout
{
    private readonly Dictionary<string, int>[] _positions;

    public LabelLayout(string[]? labels, LabelGroup[]? groups)
    {
        (string? Name, IReadOnlyList<string> Labels)[] sets = groups is null
            ? [(null, labels ?? [])]
            : [.. groups.Select(g => ((string?)g.Name, g.Labels))];
        Names = new string?[sets.Length];
        Offsets = new int[sets.Length];
        Counts = new int[sets.Length];
        _positions = new Dictionary<string, int>[sets.Length];
        var flat = new List<string>();
        for (var g = 0; g < sets.Length; g++)
        {
            Names[g] = sets[g].Name;
            Offsets[g] = flat.Count;
            Counts[g] = sets[g].Labels.Count;
            _positions[g] = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < sets[g].Labels.Count; i++)
            {
                _positions[g][sets[g].Labels[i]] = i;
            }

            flat.AddRange(sets[g].Labels);
        }

        Flat = [.. flat];
        Grouped = groups is not null;
    }

    /// <summary>Gets every label, group after group.</summary>
    public string[] Flat { get; }

    /// <summary>Gets each group's name (one <see langword="null"/> for plain labels).</summary>
    public string?[] Names { get; }

    /// <summary>Gets where each group starts in <see cref="Flat"/>.</summary>
    public int[] Offsets { get; }

    /// <summary>Gets how many labels each group has.</summary>
    public int[] Counts { get; }

    /// <summary>Gets whether the labels were sent as named groups.</summary>
    public bool Grouped { get; }

    /// <summary>Finds the group named by the reader's current property name, or −1.</summary>
    public int FindGroup(ref Utf8JsonReader reader)
    {
        for (var g = 0; g < Names.Length; g++)
        {
            if (Names[g] is { } name && reader.ValueTextEquals(name))
            {
                return g;
            }
        }

        return -1;
    }

    /// <summary>Finds the reader's current string among group <paramref name="group"/>'s labels, trying <paramref name="guess"/> first; −1 when absent.</summary>
    public int FindLabel(ref Utf8JsonReader reader, int group, int guess)
    {
        if ((uint)guess < (uint)Counts[group] && reader.ValueTextEquals(Flat[Offsets[group] + guess]))
        {
            return guess;
        }

#if NET9_0_OR_GREATER
        // A label of up to 256 chars is looked up without allocating a string (an answer names every label per input).
        if (!reader.HasValueSequence && !reader.ValueIsEscaped && reader.ValueSpan.Length <= 256)
        {
            Span<char> chars = stackalloc char[256];
            var length = System.Text.Encoding.UTF8.GetChars(reader.ValueSpan, chars);
            return _positions[group].GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(chars[..length], out var found) ? found : -1;
        }
#endif

        return _positions[group].TryGetValue(reader.GetString()!, out var position) ? position : -1;
    }

    /// <summary>Finds a label string among group <paramref name="group"/>'s labels; −1 when absent.</summary>
    public int FindLabel(string label, int group) => _positions[group].TryGetValue(label, out var position) ? position : -1;
}
