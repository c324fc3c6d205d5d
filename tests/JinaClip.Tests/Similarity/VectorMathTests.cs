namespace JinaClip.Tests.Similarity;

public class VectorMathTests
{
    [Theory]
    [InlineData(new float[] { 1, 0 }, new float[] { 0, 1 }, 0f)]
    [InlineData(new float[] { 1, 2, 3 }, new float[] { 2, 4, 6 }, 1f)]
    [InlineData(new float[] { 1, 2, 3 }, new float[] { -1, -2, -3 }, -1f)]
    [InlineData(new float[] { 3, 4 }, new float[] { 4, 3 }, 0.96f)]
    public void CosineSimilarity_MatchesDefinition(float[] x, float[] y, float expected) =>
        Assert.Equal(expected, VectorMath.CosineSimilarity(x, y), 5);

    [Fact]
    public void CosineSimilarity_ZeroVector_IsZeroNotNaN() =>
        Assert.Equal(0f, VectorMath.CosineSimilarity(new float[] { 0, 0, 0 }, new float[] { 1, 2, 3 }));

    [Fact]
    public void CosineSimilarity_LengthMismatch_Throws() =>
        Assert.Throws<ArgumentException>(() => VectorMath.CosineSimilarity(new float[] { 1, 2 }, new float[] { 1, 2, 3 }));

    [Fact]
    public void CosineSimilarity_Empty_Throws() =>
        Assert.Throws<ArgumentException>(() => VectorMath.CosineSimilarity(ReadOnlySpan<float>.Empty, ReadOnlySpan<float>.Empty));
}
