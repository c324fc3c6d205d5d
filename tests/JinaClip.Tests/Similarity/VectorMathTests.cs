namespace JinaClip.Tests.Similarity;

public class VectorMathTests
{
    /// <summary>Lengths around and off the SIMD widths (4, 8, 16 floats).</summary>
    public static TheoryData<int> Lengths => [1, 3, 7, 8, 15, 16, 17, 31, 64, 100, 768, 1023];

    internal static float[] Random(Random rng, int length) =>
        Enumerable.Range(0, length).Select(_ => (float)((rng.NextDouble() * 2) - 1)).ToArray();

    private static double RefDot(float[] x, float[] y) => x.Zip(y, (a, b) => (double)a * b).Sum();

    private static double RefNorm(float[] x) => Math.Sqrt(RefDot(x, x));

    [Theory]
    [InlineData(new float[] { 1, 0 }, new float[] { 0, 1 }, 0f)]
    [InlineData(new float[] { 1, 2, 3 }, new float[] { 2, 4, 6 }, 1f)]
    [InlineData(new float[] { 1, 2, 3 }, new float[] { -1, -2, -3 }, -1f)]
    [InlineData(new float[] { 3, 4 }, new float[] { 4, 3 }, 0.96f)]
    public void CosineSimilarity_MatchesDefinition(float[] x, float[] y, float expected) =>
        Assert.Equal(expected, VectorMath.CosineSimilarity(x, y), 5);

    [Theory]
    [MemberData(nameof(Lengths))]
    public void AllMeasures_MatchAScalarReference_OnRandomData(int length)
    {
        var rng = new Random(length);
        for (var trial = 0; trial < 20; trial++)
        {
            var x = Random(rng, length);
            var y = Random(rng, length);

            Assert.Equal(RefDot(x, y), VectorMath.DotProduct(x, y), 3);
            Assert.Equal(RefDot(x, y) / (RefNorm(x) * RefNorm(y)), VectorMath.CosineSimilarity(x, y), 4);
            Assert.Equal(Math.Sqrt(x.Zip(y, (a, b) => (double)(a - b) * (a - b)).Sum()), VectorMath.EuclideanDistance(x, y), 3);
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Normalize_InPlaceAndIntoDestination_GivesUnitLengthAndReturnsTheNorm(int length)
    {
        var x = Random(new Random(length + 1000), length);
        var norm = RefNorm(x);
        var destination = new float[length];

        Assert.Equal(norm, VectorMath.Normalize(x, destination), 4);
        Assert.Equal(1.0, RefNorm(destination), 4);
        for (var i = 0; i < length; i++)
        {
            Assert.Equal(x[i] / norm, destination[i], 5);
        }

        VectorMath.Normalize(x.AsSpan());
        Assert.Equal(destination, x);
    }

    [Fact]
    public void Normalize_ZeroVector_StaysZeroAndReturnsZero()
    {
        var zero = new float[5];

        Assert.Equal(0f, VectorMath.Normalize(zero.AsSpan()));
        Assert.All(zero, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void CosineSimilarity_ZeroVector_IsZeroNotNaN()
    {
        Assert.Equal(0f, VectorMath.CosineSimilarity(new float[] { 0, 0, 0 }, new float[] { 1, 2, 3 }));
        Assert.Equal(0f, VectorMath.CosineSimilarity(new float[] { 0, 0, 0 }, new float[] { 0, 0, 0 }));
    }

    [Fact]
    public void CosineSimilarity_NaNInTheData_IsNaNNotHidden() =>
        Assert.True(float.IsNaN(VectorMath.CosineSimilarity(new float[] { float.NaN, 1 }, new float[] { 1, 1 })));

    [Fact]
    public void LengthMismatch_ThrowsNamingBothLengths()
    {
        float[] a = [1, 2];
        float[] b = [1, 2, 3];
        Assert.Contains("2 and 3", Assert.Throws<ArgumentException>(() => VectorMath.CosineSimilarity(a, b)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => VectorMath.DotProduct(a, b));
        Assert.Throws<ArgumentException>(() => VectorMath.EuclideanDistance(a, b));
        Assert.Throws<ArgumentException>(() => VectorMath.Normalize(a, new float[3]));
    }

    [Fact]
    public void CosineSimilarity_Empty_Throws() =>
        Assert.Throws<ArgumentException>(() => VectorMath.CosineSimilarity(ReadOnlySpan<float>.Empty, ReadOnlySpan<float>.Empty));
}
