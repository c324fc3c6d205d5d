namespace JinaClip;

/// <summary>
/// How one input was classified: its position in your list and one <see cref="LabelPrediction"/> per label set (one
/// for plain labels, one per <see cref="LabelGroup"/> in the order the groups were given).
/// </summary>
public sealed class ClassifiedInput
{
    private readonly LabelPrediction[] _predictions;

    internal ClassifiedInput(int index, LabelPrediction[] predictions)
    {
        Index = index;
        _predictions = predictions;
    }

    /// <summary>Gets the position of the input in the call's list.</summary>
    public int Index { get; }

    /// <summary>Gets the predictions: one for plain labels, one per label group (in the order given).</summary>
    public IReadOnlyList<LabelPrediction> Predictions => _predictions;

    /// <summary>Gets the predicted label (for label groups, the first group's; see <see cref="Predictions"/>).</summary>
    public string Label => _predictions[0].Label;

    /// <summary>Gets the predicted label's score, from 0 to 1 (for label groups, the first group's).</summary>
    public float Score => _predictions[0].Score;

    /// <summary>Gets every label's score, in the order given (for label groups, the first group's).</summary>
    public IReadOnlyList<LabelScore> Scores => _predictions[0].Scores;

    /// <summary>Gets the prediction of one label group.</summary>
    /// <param name="group">The group's name.</param>
    /// <returns>The group's prediction.</returns>
    /// <exception cref="KeyNotFoundException">The call had no group of that name.</exception>
    public LabelPrediction this[string group]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(group);
            return Array.Find(_predictions, p => string.Equals(p.Group, group, StringComparison.Ordinal))
                ?? throw new KeyNotFoundException($"The call had no label group '{group}'.");
        }
    }

    /// <summary>Describes the classification.</summary>
    /// <returns>The index and the predictions.</returns>
    public override string ToString() => $"ClassifiedInput {{ Index = {Index}, {string.Join(", ", _predictions.Select(p => p.ToString()))} }}";
}
