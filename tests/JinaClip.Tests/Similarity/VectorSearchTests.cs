namespace JinaClip.Tests.Similarity;

public class VectorSearchTests
{
    private static (float[] Query, float[] Data) RandomSet(int rows, int dimensions, int seed)
    {
        var rng = new Random(seed);
        return (VectorMathTests.Random(rng, dimensions), VectorMathTests.Random(rng, rows * dimensions));
    }

    /// <summary>The straightforward reference: score every row in doubles, full sort, ties by row.</summary>
    private static (int Index, double Score)[] Reference(float[] query, float[] data, int dimensions, int k, SimilarityMetric metric)
    {
        var rows = data.Length / dimensions;
        var scored = Enumerable.Range(0, rows).Select(r =>
        {
            var row = data.AsSpan(r * dimensions, dimensions).ToArray();
            var dot = query.Zip(row, (a, b) => (double)a * b).Sum();
            var score = metric switch
            {
                SimilarityMetric.DotProduct => dot,
                SimilarityMetric.Euclidean => Math.Sqrt(query.Zip(row, (a, b) => (double)(a - b) * (a - b)).Sum()),
                _ => dot / Math.Sqrt(query.Sum(v => (double)v * v) * row.Sum(v => (double)v * v)),
            };
            return (Index: r, Score: score);
        });
        var ordered = metric == SimilarityMetric.Euclidean
            ? scored.OrderBy(s => s.Score).ThenBy(s => s.Index)
            : scored.OrderByDescending(s => s.Score).ThenBy(s => s.Index);
        return ordered.Take(k).ToArray();
    }

    [Theory]
    [InlineData(1, 3, 1, SimilarityMetric.Cosine)]
    [InlineData(10, 7, 3, SimilarityMetric.Cosine)]
    [InlineData(257, 17, 10, SimilarityMetric.Cosine)]
    [InlineData(1000, 33, 25, SimilarityMetric.DotProduct)]
    [InlineData(1000, 33, 25, SimilarityMetric.Euclidean)]
    [InlineData(5, 8, 50, SimilarityMetric.Cosine)]
    [InlineData(3000, 384, 7, SimilarityMetric.Cosine)] // 1.15M values: the parallel path
    [InlineData(3000, 384, 7, SimilarityMetric.Euclidean)]
    public void TopK_MatchesAFullSortReference(int rows, int dimensions, int k, SimilarityMetric metric)
    {
        var (query, data) = RandomSet(rows, dimensions, rows + dimensions);
        var matrix = new VectorMatrix(dimensions);
        for (var r = 0; r < rows; r++)
        {
            matrix.Add(data.AsSpan(r * dimensions, dimensions));
        }

        var expected = Reference(query, data, dimensions, k, metric);
        var fromMatrix = VectorSearch.TopK(query, matrix, k, metric);
        var fromBuffer = VectorSearch.TopK(query, data, dimensions, k, metric);

        Assert.Equal(expected.Select(e => e.Index), fromMatrix.Select(m => m.Index));
        Assert.Equal(fromMatrix, fromBuffer);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].Score, fromMatrix[i].Score, 3);
        }
    }

    [Fact]
    public void TopK_Ties_AreOrderedByLowerRow()
    {
        float[] data = [1, 0, 0, 1, 1, 0, 1, 0, 0, 1];

        var result = VectorSearch.TopK([1f, 0f], data, 2, 5);

        Assert.Equal([0, 2, 3, 1, 4], result.Select(r => r.Index));
    }

    [Fact]
    public void TopK_ZeroRows_ScoreZero_AndNaNRowsRankLast()
    {
        float[] data = [0, 0, float.NaN, 1, -1, 0, 1, 1];

        var result = VectorSearch.TopK([1f, 1f], data, 2, 4);

        Assert.Equal([3, 0, 2, 1], result.Select(r => r.Index));
        Assert.Equal(0f, result[1].Score);
        Assert.True(float.IsNaN(result[3].Score));
    }

    [Fact]
    public void TopK_EmptyStore_ReturnsNothing() =>
        Assert.Empty(VectorSearch.TopK([1f, 2f], new VectorMatrix(2), 3));

    [Fact]
    public void TopK_BadArguments_Throw()
    {
        var matrix = new VectorMatrix(3);
        matrix.Add([1f, 2f, 3f]);

        Assert.Contains("query has 2 values", Assert.Throws<ArgumentException>(() => VectorSearch.TopK([1f, 2f], matrix, 1)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => VectorSearch.TopK([1f, 2f, 3f], matrix, 0));
        Assert.Contains("not a multiple of 3", Assert.Throws<ArgumentException>(() => VectorSearch.TopK([1f, 2f, 3f], new float[4], 3, 1)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => matrix.Add([1f]));
    }

    [Fact]
    public void VectorMatrix_RemoveAtSwapLast_MovesTheLastRowIntoTheGap()
    {
        var matrix = new VectorMatrix(2);
        matrix.Add([1f, 1f]);
        matrix.Add([2f, 2f]);
        matrix.Add([3f, 3f]);

        Assert.Equal(2, matrix.RemoveAtSwapLast(0));
        Assert.Equal(-1, matrix.RemoveAtSwapLast(1));

        Assert.Equal(1, matrix.Count);
        Assert.Equal([3f, 3f], matrix.GetRow(0).ToArray());
        Assert.Equal([3f, 3f], matrix.Span.ToArray());
    }
}
