using JinaClip.Costs;

namespace JinaClip.Batching;

/// <summary>Splits a call's inputs into consecutive batches by an input limit and an estimated token budget.</summary>
internal static class BatchPlanner
{
    public static List<InputRange> Plan(EmbeddingInput[] inputs, string model, int maxInputs, int maxTokens, out long estimatedTokens)
    {
        var ranges = new List<InputRange>();
        var start = 0;
        var tokens = 0L;
        estimatedTokens = 0;
        for (var i = 0; i < inputs.Length; i++)
        {
            var cost = RoughTokenEstimator.Estimate(inputs[i], model);
            estimatedTokens += cost;
            var count = i - start;
            if (count > 0 && (count == maxInputs || tokens + cost > maxTokens))
            {
                ranges.Add(new InputRange(start, count));
                start = i;
                tokens = 0;
            }

            tokens += cost;
        }

        ranges.Add(new InputRange(start, inputs.Length - start));
        return ranges;
    }
}
