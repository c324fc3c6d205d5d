using JinaClip.Similarity;

namespace JinaClip.Tests.Similarity;

/// <summary>The softmax's own vectorised exp agrees with a double-precision softmax, and large logits do not overflow.</summary>
public class SoftMaxTests
{
    [Theory]
    [InlineData(1, 1f)]
    [InlineData(15, 5f)]
    [InlineData(100, 100f)]
    [InlineData(130, 200f)]
    public void InPlace_EqualsADoublePrecisionSoftmax_AndReturnsTheLargest(int count, float spread)
    {
        var random = new Random(count);
        var values = Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * spread)).ToArray();
        var max = values.Max();
        var expected = values.Select(v => Math.Exp(v - max)).ToArray();
        var sum = expected.Sum();

        var best = SoftMax.InPlace(values);

        Assert.Equal(Array.IndexOf(values, values.Max()), best);
        for (var i = 0; i < count; i++)
        {
            Assert.Equal(expected[i] / sum, values[i], 1e-6);
        }

        Assert.Equal(1.0, values.Sum(v => (double)v), 1e-5);
    }

    [Fact]
    public void InPlace_HundredTimesCosines_DoesNotOverflow()
    {
        float[] logits = [100f, 99f, -100f, 0f];

        SoftMax.InPlace(logits);

        Assert.All(logits, v => Assert.True(float.IsFinite(v)));
        Assert.Equal(1 / (1 + Math.Exp(-1) + Math.Exp(-200) + Math.Exp(-100)), logits[0], 1e-6);
    }
}
