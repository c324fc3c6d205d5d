namespace JinaClip.Rerank;

/// <summary>Merges the answers to a split call: all results by score (best first, ties by position), then <c>top_n</c>.</summary>
internal static class RerankMerger
{
    public static RerankResult Merge(RerankPlan plan, IReadOnlyList<RerankPart> parts)
    {
        if (parts.Count == 1)
        {
            return new RerankResult(parts[0].Documents, parts[0].Model, parts[0].TotalTokens);
        }

        var all = parts.SelectMany(p => p.Documents).ToArray();
        Array.Sort(all, RankOrder.Instance);
        var keep = plan.Options.TopN is { } n ? Math.Min(n, all.Length) : all.Length;
        long? tokens = null;
        foreach (var part in parts)
        {
            if (part.TotalTokens is { } t)
            {
                tokens = (tokens ?? 0) + t;
            }
        }

        return new RerankResult(all.AsSpan(0, keep).ToArray(), parts[0].Model, tokens);
    }
}
