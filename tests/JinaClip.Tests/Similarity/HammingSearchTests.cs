using System.Numerics;

namespace JinaClip.Tests.Similarity;

public class HammingSearchTests
{
    private static int ReferenceDistance(byte[] x, byte[] y) => x.Zip(y, (a, b) => BitOperations.PopCount((uint)(a ^ b))).Sum();

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(96)] // 768 dimensions
    [InlineData(133)]
    public void Distance_MatchesABitByBitReference(int bytes)
    {
        var rng = new Random(bytes);
        for (var trial = 0; trial < 50; trial++)
        {
            var x = new byte[bytes];
            var y = new byte[bytes];
            rng.NextBytes(x);
            rng.NextBytes(y);

            Assert.Equal(ReferenceDistance(x, y), HammingSearch.Distance(x, y));
        }
    }

    [Fact]
    public void Distance_EdgeCases()
    {
        Assert.Equal(0, HammingSearch.Distance([0xAB, 0xCD], [0xAB, 0xCD]));
        Assert.Equal(16, HammingSearch.Distance([0x00, 0xFF], [0xFF, 0x00]));
        Assert.Throws<ArgumentException>(() => HammingSearch.Distance([1], [1, 2]));
        Assert.Throws<ArgumentException>(() => HammingSearch.Distance([], []));
    }

    [Fact]
    public void TopK_MatchesAReferenceSort_TiesByLowerRow()
    {
        var rng = new Random(5);
        const int Bytes = 12;
        var packed = new byte[500 * Bytes];
        rng.NextBytes(packed);
        var query = packed.AsSpan(42 * Bytes, Bytes).ToArray();

        var result = HammingSearch.TopK(query, packed, 20);

        var expected = Enumerable.Range(0, 500)
            .Select(r => (Row: r, Distance: ReferenceDistance(query, packed.AsSpan(r * Bytes, Bytes).ToArray())))
            .OrderBy(e => e.Distance).ThenBy(e => e.Row).Take(20).ToArray();
        Assert.Equal(expected.Select(e => e.Row), result.Select(r => r.Index));
        Assert.Equal(expected.Select(e => (float)e.Distance), result.Select(r => r.Score));
        Assert.Equal(new ScoredMatch(42, 0), result[0]);
    }

    [Fact]
    public void TopK_RaggedBuffer_Throws() =>
        Assert.Contains("whole number of 2-byte rows", Assert.Throws<ArgumentException>(() => HammingSearch.TopK([1, 2], new byte[5], 1)).Message, StringComparison.Ordinal);

    [Fact]
    public void Rescore_ReRanksTheShortlistByFloatScores_AndScoresRepeatsOnce()
    {
        var vectors = new VectorMatrix(2);
        vectors.Add([1f, 0f]);   // 0
        vectors.Add([0f, 1f]);   // 1
        vectors.Add([1f, 1f]);   // 2
        vectors.Add([-1f, 0f]);  // 3
        ScoredMatch[] shortlist = [new(3, 0), new(1, 1), new(2, 1), new(2, 1)];

        var result = HammingSearch.Rescore([1f, 0.1f], vectors, shortlist, 2);

        Assert.Equal([2, 1], result.Select(r => r.Index));
        Assert.Equal(VectorMath.CosineSimilarity([1f, 0.1f], [1f, 1f]), result[0].Score);
    }

    [Fact]
    public void Rescore_ShortlistRowOutsideTheMatrix_Throws()
    {
        var vectors = new VectorMatrix(2);
        vectors.Add([1f, 0f]);

        Assert.Throws<ArgumentOutOfRangeException>(() => HammingSearch.Rescore([1f, 0f], vectors, [new ScoredMatch(5, 0)], 1));
    }

    [Fact]
    public async Task BinaryEmbeddingsFromTheEmulator_ShortlistThenRescore_FindsTheFloatNearest()
    {
        var emulator = new JinaClip.Testing.JinaEmulator();
        using var client = emulator.CreateClient();
        var texts = Enumerable.Range(0, 40).Select(i => (EmbeddingInput)$"item {i}").ToArray();
        var ct = TestContext.Current.CancellationToken;
        var floats = await client.EmbedAsync(texts, cancellationToken: ct);
        var bits = await client.EmbedAsync(texts, new EmbeddingOptions { EmbeddingType = EmbeddingType.UBinary }, ct);
        var matrix = new VectorMatrix(768);
        var packed = new List<byte>();
        for (var i = 0; i < texts.Length; i++)
        {
            matrix.Add(floats[i]);
            packed.AddRange(bits[i].GetPackedBits().ToArray());
        }

        var shortlist = HammingSearch.TopK(bits[7].GetPackedBits().Span, packed.ToArray(), 10);
        var result = HammingSearch.Rescore(floats[7].GetVector().Span, matrix, shortlist, 3);

        Assert.Equal(new ScoredMatch(7, 0), shortlist[0]);
        Assert.Equal(7, result[0].Index);
        Assert.Equal(1f, result[0].Score, 5);
    }
}
