using System.Globalization;

namespace JinaClip;

/// <summary>The answer to training or updating a few-shot classifier.</summary>
public sealed class TrainingResult
{
    internal TrainingResult(string classifierId, int sampleCount, long? totalTokens)
    {
        ClassifierId = classifierId;
        SampleCount = sampleCount;
        TotalTokens = totalTokens;
    }

    /// <summary>Gets the id of the classifier trained or updated.</summary>
    public string ClassifierId { get; }

    /// <summary>Gets how many examples the request trained on (<c>num_samples</c>).</summary>
    public int SampleCount { get; }

    /// <summary>Gets the tokens the training used, or <see langword="null"/> when not reported.</summary>
    public long? TotalTokens { get; }

    /// <summary>Describes the result.</summary>
    /// <returns>The classifier id, samples and tokens.</returns>
    public override string ToString() =>
        $"TrainingResult {{ ClassifierId = {ClassifierId}, SampleCount = {SampleCount}, TotalTokens = {TotalTokens?.ToString(CultureInfo.InvariantCulture) ?? "null"} }}";
}
