namespace JinaClip;

/// <summary>One candidate label and its score for one input.</summary>
public readonly record struct LabelScore
{
    internal LabelScore(string label, float score)
    {
        Label = label;
        Score = score;
    }

    /// <summary>Gets the label, as sent.</summary>
    public string Label { get; }

    /// <summary>Gets its score, from 0 to 1; the scores of one input (of one label group) sum to about 1.</summary>
    public float Score { get; }
}
