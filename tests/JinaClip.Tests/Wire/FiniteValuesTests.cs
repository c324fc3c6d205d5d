using JinaClip.Wire;

namespace JinaClip.Tests.Wire;

/// <summary>The non-finite check runs on every decoded vector, four lanes at a time: its answer is the exact first position.</summary>
public class FiniteValuesTests
{
    public static TheoryData<float> NonFinite => new() { float.NaN, float.PositiveInfinity, float.NegativeInfinity, BitConverter.Int32BitsToSingle(unchecked((int)0xFFC0_0001)) };

    [Theory]
    [MemberData(nameof(NonFinite))]
    public void FirstNonFinite_EveryLengthAndPosition_ReturnsThatPosition(float bad)
    {
        for (var length = 1; length <= 70; length++)
        {
            for (var at = 0; at < length; at++)
            {
                var values = Enumerable.Range(0, length).Select(i => (i % 7) - 3.5f).ToArray();
                values[at] = bad;
                if (at + 3 < length)
                {
                    values[at + 3] = bad; // a later one in the same vector does not hide the first
                }

                Assert.Equal(at, FiniteValues.FirstNonFinite(values));
            }
        }
    }

    [Fact]
    public void FirstNonFinite_ExtremeFiniteValues_ReturnsMinusOne()
    {
        float[] extremes = [float.MaxValue, float.MinValue, float.Epsilon, -float.Epsilon, -0f, 0f, 1e-40f, BitConverter.Int32BitsToSingle(0x7F7F_FFFF)];
        for (var length = 0; length <= 70; length++)
        {
            var values = Enumerable.Range(0, length).Select(i => extremes[i % extremes.Length]).ToArray();
            Assert.Equal(-1, FiniteValues.FirstNonFinite(values));
        }
    }
}
