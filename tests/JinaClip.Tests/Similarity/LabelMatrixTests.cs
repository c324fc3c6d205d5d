using System.Numerics.Tensors;
using JinaClip.Similarity;

namespace JinaClip.Tests.Similarity;

/// <summary>The blocked cosine kernel equals a per-pair cosine for every label count and row count, including the padded remainders.</summary>
public class LabelMatrixTests
{
    [Theory]
    [InlineData(1, 1, 8)]
    [InlineData(15, 7, 768)]
    [InlineData(16, 6, 768)]
    [InlineData(17, 13, 33)]
    [InlineData(33, 5, 768)]
    [InlineData(100, 20, 768)]
    [InlineData(130, 11, 1024)]
    public void Cosines_EqualPerPairCosineSimilarity(int labels, int rows, int dimensions)
    {
        var random = new Random(labels * 1000 + rows);
        float[] Vector() => [.. Enumerable.Range(0, dimensions).Select(_ => (float)((random.NextDouble() * 2) - 1))];
        var labelVectors = Enumerable.Range(0, labels).Select(_ => Vector()).ToArray();
        ReadOnlyMemory<float>[] stored = [.. Enumerable.Range(0, rows).Select(_ => (ReadOnlyMemory<float>)Vector())];
        var matrix = new LabelMatrix([.. labelVectors.SelectMany(v => v)], labels, dimensions);
        var output = new float[rows * labels];

        matrix.Cosines(stored, 0, rows, output);

        for (var r = 0; r < rows; r++)
        {
            for (var l = 0; l < labels; l++)
            {
                Assert.Equal(TensorPrimitives.CosineSimilarity(stored[r].Span, labelVectors[l]), output[(r * labels) + l], 1e-5f);
            }
        }
    }

    [Fact]
    public void Cosines_FromAnOffset_ScoresOnlyThoseRows()
    {
        var matrix = new LabelMatrix([1, 0, 0, 1], 2, 2);
        ReadOnlyMemory<float>[] stored = [new float[] { 1, 0 }, new float[] { 0, 2 }, new float[] { 3, 3 }];
        var output = new float[4];

        matrix.Cosines(stored, 1, 2, output);

        Assert.Equal([0f, 1f, MathF.Sqrt(0.5f), MathF.Sqrt(0.5f)], output.Select(v => MathF.Round(v, 5)).ToArray(), new FloatComparer());
    }

    private sealed class FloatComparer : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => MathF.Abs(x - y) < 1e-4f;

        public int GetHashCode(float obj) => 0;
    }
}
