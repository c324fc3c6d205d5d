namespace JinaClip;

/// <summary>The order of a ranking: higher score first, and on equal scores the earlier document first.</summary>
internal sealed class RankOrder : IComparer<RankedDocument>
{
    public static readonly RankOrder Instance = new();

    public int Compare(RankedDocument? x, RankedDocument? y)
    {
        var byScore = y!.RelevanceScore.CompareTo(x!.RelevanceScore);
        return byScore != 0 ? byScore : x.Index.CompareTo(y.Index);
    }
}
