using System.Collections;

namespace JinaClip;

/// <summary>
/// The prediction for one input among one set of labels (the call's labels, or one <see cref="LabelGroup"/>): the best
/// label, its score, and every label's score in the order the labels were given.
/// </summary>
public sealed class LabelPrediction
{
    private readonly string[] _labels;
    private readonly Func<float[]>? _computeScores;
    private float[]? _scores;
    private readonly int _labelOffset;
    private readonly int _offset;
    private readonly int _count;

    /// <summary>Creates a prediction over slices of shared label and score arrays (no copy), both starting at <paramref name="offset"/>.</summary>
    internal LabelPrediction(string? group, string label, float score, string[] labels, float[] scores, int offset, int count)
        : this(group, label, score, labels, offset, scores, offset, count)
    {
    }

    /// <summary>Creates a prediction over slices of shared label and score arrays (no copy).</summary>
    internal LabelPrediction(string? group, string label, float score, string[] labels, int labelOffset, float[] scores, int scoreOffset, int count)
    {
        Group = group;
        Label = label;
        Score = score;
        _labels = labels;
        _labelOffset = labelOffset;
        _scores = scores;
        _offset = scoreOffset;
        _count = count;
    }

    /// <summary>
    /// Creates a prediction whose label scores are computed when first read: <paramref name="computeScores"/> returns the
    /// whole row (every group), of which this prediction's labels start at <paramref name="labelOffset"/>.
    /// </summary>
    internal LabelPrediction(string? group, string label, float score, string[] labels, int labelOffset, int count, Func<float[]> computeScores)
    {
        Group = group;
        Label = label;
        Score = score;
        _labels = labels;
        _labelOffset = labelOffset;
        _computeScores = computeScores;
        _offset = labelOffset;
        _count = count;
    }

    /// <summary>Gets the scores array (computing it once, for a prediction built with a computation).</summary>
    private float[] AllScores => _scores ??= _computeScores!();

    /// <summary>Gets the label group's name, or <see langword="null"/> for the call's plain labels.</summary>
    public string? Group { get; }

    /// <summary>Gets the predicted label.</summary>
    public string Label { get; }

    /// <summary>Gets the predicted label's score, from 0 to 1.</summary>
    public float Score { get; }

    /// <summary>Gets every label's score, in the order the labels were given.</summary>
    public IReadOnlyList<LabelScore> Scores => new ScoreList(this);

    /// <summary>Gets the best label other than <see cref="Label"/> (the runner-up), or <see langword="null"/> when there is one label.</summary>
    public LabelScore? RunnerUp
    {
        get
        {
            LabelScore? best = null;
            for (var i = 0; i < _count; i++)
            {
                var label = _labels[_labelOffset + i];
                var score = AllScores[_offset + i];
                if (!string.Equals(label, Label, StringComparison.Ordinal) && (best is null || score > best.Value.Score))
                {
                    best = new LabelScore(label, score);
                }
            }

            return best;
        }
    }

    /// <summary>Gets the score of one label.</summary>
    /// <param name="label">A label that was sent.</param>
    /// <returns>Its score.</returns>
    /// <exception cref="KeyNotFoundException">The label was not one of this prediction's labels.</exception>
    public float ScoreOf(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        for (var i = 0; i < _count; i++)
        {
            if (string.Equals(_labels[_labelOffset + i], label, StringComparison.Ordinal))
            {
                return AllScores[_offset + i];
            }
        }

        throw new KeyNotFoundException($"'{label}' is not one of the labels{(Group is null ? string.Empty : $" of group '{Group}'")}.");
    }

    /// <summary>Describes the prediction.</summary>
    /// <returns>The group, label and score.</returns>
    public override string ToString() =>
        FormattableString.Invariant($"{(Group is null ? string.Empty : Group + ": ")}{Label} ({Score:0.####})");

    private sealed class ScoreList(LabelPrediction owner) : IReadOnlyList<LabelScore>
    {
        public int Count => owner._count;

        public LabelScore this[int index] => (uint)index < (uint)owner._count
            ? new LabelScore(owner._labels[owner._labelOffset + index], owner.AllScores[owner._offset + index])
            : throw new ArgumentOutOfRangeException(nameof(index));

        public IEnumerator<LabelScore> GetEnumerator()
        {
            for (var i = 0; i < owner._count; i++)
            {
                yield return this[i];
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
