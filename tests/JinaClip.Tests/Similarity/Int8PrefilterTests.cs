using JinaClip.Similarity;

namespace JinaClip.Tests.Similarity;

/// <summary>
/// The int8 prefilter must change nothing but speed: every search on a matrix with it must equal, index for index and
/// score for score, the same search on a float-only matrix.
/// </summary>
public class Int8PrefilterTests
{
    private static (VectorMatrix WithInt8, VectorMatrix FloatOnly) Matrices(float[] data, int dimensions)
    {
        var withInt8 = new VectorMatrix(dimensions);
        var floatOnly = new VectorMatrix(dimensions, int8Prefilter: false);
        for (var r = 0; r < data.Length / dimensions; r++)
        {
            withInt8.Add(data.AsSpan(r * dimensions, dimensions));
            floatOnly.Add(data.AsSpan(r * dimensions, dimensions));
        }

        return (withInt8, floatOnly);
    }

    private static void AssertSameSearch(float[] query, VectorMatrix withInt8, VectorMatrix floatOnly, int k, SimilarityMetric metric)
    {
        var expected = VectorSearch.TopK(query, floatOnly, k, metric);
        var actual = VectorSearch.TopK(query, withInt8, k, metric);

        Assert.Equal(expected, actual);
    }

    /// <summary>Rows near the query: many scores within the quantisation error of each other, the prefilter's worst case.</summary>
    private static float[] Clustered(Random rng, float[] centre, int rows, double spread)
    {
        var data = new float[rows * centre.Length];
        for (var r = 0; r < rows; r++)
        {
            for (var i = 0; i < centre.Length; i++)
            {
                data[(r * centre.Length) + i] = centre[i] + (float)((rng.NextDouble() - 0.5) * spread);
            }
        }

        return data;
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(40, 5, 3)]
    [InlineData(300, 15, 10)]
    [InlineData(300, 16, 10)]
    [InlineData(300, 31, 10)]
    [InlineData(300, 63, 10)]
    [InlineData(300, 64, 10)]
    [InlineData(500, 65, 20)]
    [InlineData(500, 129, 1)]
    [InlineData(2000, 768, 10)]
    [InlineData(1400, 768, 10)] // 1.07M values: the parallel path
    [InlineData(50, 100, 80)] // k above the row count
    public void TopK_RandomData_EqualsTheFloatOnlySearch(int rows, int dimensions, int k)
    {
        var rng = new Random((rows * 31) + dimensions);
        var data = VectorMathTests.Random(rng, rows * dimensions);
        var (withInt8, floatOnly) = Matrices(data, dimensions);

        for (var q = 0; q < 5; q++)
        {
            var query = VectorMathTests.Random(rng, dimensions);
            AssertSameSearch(query, withInt8, floatOnly, k, SimilarityMetric.Cosine);
            AssertSameSearch(query, withInt8, floatOnly, k, SimilarityMetric.DotProduct);
        }
    }

    [Theory]
    [InlineData(0.01)]
    [InlineData(0.001)]
    [InlineData(0.00001)]
    public void TopK_ScoresCloserThanTheQuantisationError_EqualsTheFloatOnlySearch(double spread)
    {
        var rng = new Random(7);
        var centre = VectorMathTests.Random(rng, 768);
        var data = Clustered(rng, centre, 1500, spread);
        var (withInt8, floatOnly) = Matrices(data, 768);

        AssertSameSearch(centre, withInt8, floatOnly, 10, SimilarityMetric.Cosine);
        AssertSameSearch(centre, withInt8, floatOnly, 10, SimilarityMetric.DotProduct);
        AssertSameSearch(Clustered(rng, centre, 1, spread), withInt8, floatOnly, 25, SimilarityMetric.Cosine);
    }

    [Fact]
    public void TopK_DuplicateRows_TiesStayOrderedByLowerRow()
    {
        var rng = new Random(3);
        var row = VectorMathTests.Random(rng, 96);
        var data = Enumerable.Range(0, 200).SelectMany(r => r % 3 == 0 ? row : VectorMathTests.Random(rng, 96)).ToArray();
        var (withInt8, floatOnly) = Matrices(data, 96);

        AssertSameSearch(row, withInt8, floatOnly, 30, SimilarityMetric.Cosine);
        Assert.Equal(Enumerable.Range(0, 30).Select(i => i * 3), VectorSearch.TopK(row, withInt8, 30).Select(m => m.Index).Take(30));
    }

    [Fact]
    public void TopK_ZeroNaNInfiniteAndHugeRows_EqualsTheFloatOnlySearch()
    {
        var rng = new Random(5);
        var data = VectorMathTests.Random(rng, 64 * 40);
        data.AsSpan(0, 64).Clear();                                 // row 0: zero
        data[(3 * 64) + 7] = float.NaN;                             // row 3: NaN
        data[(5 * 64) + 1] = float.PositiveInfinity;                // row 5: infinity
        data.AsSpan(8 * 64, 64).Fill(1e30f);                        // row 8: a norm that overflows
        data.AsSpan(9 * 64, 64).Fill(1e-40f);                       // row 9: subnormal
        data[(10 * 64) + 2] = 50f;                                  // row 10: one huge outlier dimension
        var (withInt8, floatOnly) = Matrices(data, 64);

        foreach (var k in new[] { 1, 5, 40 })
        {
            AssertSameSearch(VectorMathTests.Random(rng, 64), withInt8, floatOnly, k, SimilarityMetric.Cosine);
            AssertSameSearch(VectorMathTests.Random(rng, 64), withInt8, floatOnly, k, SimilarityMetric.DotProduct);
        }
    }

    [Fact]
    public void TopK_ZeroOrNaNQuery_EqualsTheFloatOnlySearch()
    {
        var rng = new Random(9);
        var (withInt8, floatOnly) = Matrices(VectorMathTests.Random(rng, 32 * 50), 32);
        var nan = new float[32];
        nan[4] = float.NaN;

        AssertSameSearch(new float[32], withInt8, floatOnly, 5, SimilarityMetric.Cosine);
        AssertSameSearch(nan, withInt8, floatOnly, 5, SimilarityMetric.Cosine);
        AssertSameSearch(nan, withInt8, floatOnly, 5, SimilarityMetric.DotProduct);
    }

    [Fact]
    public void TopK_AfterRemovals_EqualsTheFloatOnlySearch()
    {
        var rng = new Random(11);
        var (withInt8, floatOnly) = Matrices(VectorMathTests.Random(rng, 48 * 300), 48);
        foreach (var row in new[] { 0, 17, 150, 280, 5 })
        {
            withInt8.RemoveAtSwapLast(row);
            floatOnly.RemoveAtSwapLast(row);
        }

        for (var q = 0; q < 10; q++)
        {
            AssertSameSearch(VectorMathTests.Random(rng, 48), withInt8, floatOnly, 12, SimilarityMetric.Cosine);
        }
    }

    [Fact]
    public void Constructor_Int8PrefilterIsOnByDefault()
    {
        Assert.True(new VectorMatrix(8).HasInt8Prefilter);
        Assert.False(new VectorMatrix(8, int8Prefilter: false).HasInt8Prefilter);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(33)]
    [InlineData(64)]
    [InlineData(127)]
    [InlineData(768)]
    [InlineData(1000)]
    public void Dot_EqualsTheScalarSum_IncludingExtremeCodes(int length)
    {
        var rng = new Random(length);
        var row = Enumerable.Range(0, length).Select(_ => (sbyte)rng.Next(-127, 128)).ToArray();
        var query = Enumerable.Range(0, length).Select(_ => (short)rng.Next(-127, 128)).ToArray();
        var extremeRow = Enumerable.Repeat((sbyte)-127, length).ToArray();
        var extremeQuery = Enumerable.Repeat((short)-127, length).ToArray();

        var expected = row.Zip(query, (a, b) => (long)a * b).Sum();
        Assert.Equal(expected, Int8Dot.Dot(row, query));
        Assert.Equal(expected, Int8Dot.Dot(row, row.Sum(c => c), query, Biased(query)));
        Assert.Equal(127L * 127 * length, Int8Dot.Dot(extremeRow, extremeQuery));
        Assert.Equal(127L * 127 * length, Int8Dot.Dot(extremeRow, -127 * length, extremeQuery, Biased(extremeQuery)));
        var positive = Enumerable.Repeat((short)127, length).ToArray();
        Assert.Equal(-127L * 127 * length, Int8Dot.Dot(extremeRow, -127 * length, positive, Biased(positive)));

        static byte[] Biased(short[] codes) => Array.ConvertAll(codes, c => (byte)(c + 128));
    }

    [Theory]
    [InlineData(7, 1.0)]
    [InlineData(768, 0.05)]
    [InlineData(1024, 1000.0)]
    public void Quantize_ErrorNorm_BoundsWhatRoundingLost(int length, double magnitude)
    {
        var rng = new Random(length);
        for (var trial = 0; trial < 50; trial++)
        {
            var vector = Enumerable.Range(0, length).Select(_ => (float)((rng.NextDouble() - 0.5) * magnitude)).ToArray();
            var codes = new sbyte[length];

            var scale = Int8Rows.Quantize(vector, codes, out var errorNorm);

            var lost = Math.Sqrt(vector.Select((v, i) => Math.Pow(v - ((double)scale * codes[i]), 2)).Sum());
            Assert.True(lost <= errorNorm, $"lost {lost} > bound {errorNorm}");
            Assert.True(errorNorm <= (scale * Math.Sqrt(length) / 2) + 1e-30, "the error is at most half a step a value");
            Assert.All(codes, c => Assert.InRange(c, (sbyte)-127, (sbyte)127));
            Assert.Contains(codes, c => Math.Abs((int)c) == 127);
        }
    }

    [Fact]
    public void Quantize_ZeroAndNonFiniteVectors()
    {
        var codes = new sbyte[4];

        Assert.Equal(0f, Int8Rows.Quantize(new float[4], codes, out var zeroError));
        Assert.Equal(0f, zeroError);
        Assert.True(float.IsNaN(Int8Rows.Quantize([1f, float.NaN, 0f, 2f], codes, out _)));
        Assert.True(float.IsNaN(Int8Rows.Quantize([1f, float.NegativeInfinity, 0f, 2f], codes, out var infiniteError)));
        Assert.Equal(float.PositiveInfinity, infiniteError);
        Assert.All(codes, c => Assert.Equal(0, c));
    }
}
