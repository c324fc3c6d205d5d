namespace JinaClip.Similarity;

/// <summary>Scores rows <c>[start, end)</c> into a selector; one instance is shared by the parallel chunks of a search.</summary>
internal interface IRowScan
{
    void Run(int start, int end, TopKSelector selector);
}
