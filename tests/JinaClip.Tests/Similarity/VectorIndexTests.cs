using System.Buffers.Binary;

namespace JinaClip.Tests.Similarity;

public class VectorIndexTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static VectorIndex Sample(int count = 50, int dimensions = 12)
    {
        var rng = new Random(count);
        var index = new VectorIndex(dimensions);
        for (var i = 0; i < count; i++)
        {
            index.Add($"item-{i}-é", VectorMathTests.Random(rng, dimensions));
        }

        return index;
    }

    private static async Task<byte[]> Bytes(VectorIndex index)
    {
        using var stream = new MemoryStream();
        await index.SaveAsync(stream, Ct);
        return stream.ToArray();
    }

    private static async Task<string> LoadError(byte[] bytes, int? expectedDimensions = null) =>
        (await Assert.ThrowsAsync<InvalidDataException>(() => VectorIndex.LoadAsync(new MemoryStream(bytes), expectedDimensions, Ct))).Message;

    [Fact]
    public void AddSearchRemove_KeepIdsAndVectorsTogether()
    {
        var index = new VectorIndex(2);
        index.Add("east", [1f, 0f]);
        index.Add("north", [0f, 1f]);
        index.Add("north-east", [1f, 1f]);

        Assert.Equal([new SearchHit("east", 1f), new SearchHit("north-east", VectorMath.CosineSimilarity([1f, 0f], [1f, 1f]))], index.Search([1f, 0f], 2));

        Assert.True(index.Remove("east"));
        Assert.False(index.Remove("east"));
        Assert.False(index.Contains("east"));
        Assert.Equal(2, index.Count);
        Assert.Equal([1f, 1f], index.GetVector("north-east").ToArray());
        Assert.Equal("north-east", index.Search([1f, 0f], 1)[0].Id);
        Assert.Equal([0f, 1f], index.GetVector("north").ToArray());
    }

    [Fact]
    public async Task Search_TheVectorEmbedTextAsyncReturns_IsTakenAsItIs()
    {
        using var client = new JinaClip.Testing.JinaEmulator().CreateClient();
        var index = new VectorIndex(768);
        index.Add("dog", await client.EmbedAsync(EmbeddingInput.FromText("a dog"), cancellationToken: TestContext.Current.CancellationToken));
        index.Add("cat", await client.EmbedAsync(EmbeddingInput.FromText("a cat"), cancellationToken: TestContext.Current.CancellationToken));

        ReadOnlyMemory<float> query = await client.EmbedTextAsync("a dog", cancellationToken: TestContext.Current.CancellationToken);
        var hits = index.Search(query, 1);

        Assert.Equal("dog", Assert.Single(hits).Id);
        Assert.Equal(index.Search(query.Span, 1), hits);
    }

    [Fact]
    public void Add_DuplicateEmptyOrTooLongId_OrWrongLength_Throws()
    {
        var index = new VectorIndex(2);
        index.Add("a", [1f, 2f]);

        Assert.Contains("already in the index", Assert.Throws<ArgumentException>(() => index.Add("a", [1f, 2f])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => index.Add(string.Empty, [1f, 2f]));
        Assert.Throws<ArgumentException>(() => index.Add(new string('x', 1025), [1f, 2f]));
        Assert.Throws<ArgumentException>(() => index.Add("b", [1f]));
        Assert.Throws<KeyNotFoundException>(() => index.GetVector("zzz").ToArray());
    }

    [Fact]
    public async Task SaveLoad_RoundTripsIdsVectorsAndSearch()
    {
        var index = Sample();
        index.Remove("item-3-é");

        var loaded = await VectorIndex.LoadAsync(new MemoryStream(await Bytes(index)), expectedDimensions: 12, Ct);

        Assert.Equal(index.Ids, loaded.Ids);
        foreach (var id in index.Ids)
        {
            Assert.Equal(index.GetVector(id).ToArray(), loaded.GetVector(id).ToArray());
        }

        var query = index.GetVector("item-10-é").ToArray();
        Assert.Equal(index.Search(query, 5), loaded.Search(query, 5));
    }

    [Fact]
    public async Task Save_WritesTheDocumentedHeader()
    {
        var bytes = await Bytes(Sample(count: 3, dimensions: 4));

        Assert.Equal("JCIX"u8.ToArray(), bytes[..4]);
        Assert.Equal(1, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(4)));
        Assert.Equal(0, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(6)));
        Assert.Equal(4, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8)));
        Assert.Equal(3, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(12)));
        Assert.Equal(9, bytes[16]); // "item-0-é" is 9 UTF-8 bytes
        var ids = 3 * 10;
        Assert.Equal(16 + ids + (3 * 4 * 4) + 8, bytes.Length);
    }

    [Fact]
    public async Task EmptyIndex_RoundTrips()
    {
        var loaded = await VectorIndex.LoadAsync(new MemoryStream(await Bytes(new VectorIndex(3))), cancellationToken: Ct);

        Assert.Equal(0, loaded.Count);
        Assert.Equal(3, loaded.Dimensions);
    }

    [Fact]
    public async Task Load_WrongMagic_IsRejected()
    {
        var bytes = await Bytes(Sample());
        bytes[0] = (byte)'X';

        Assert.Contains("Not a JinaClip vector index", await LoadError(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_UnknownVersionOrFlags_IsRejected()
    {
        var bytes = await Bytes(Sample());
        bytes[4] = 2;
        Assert.Contains("format version 2", await LoadError(bytes), StringComparison.Ordinal);

        bytes[4] = 1;
        bytes[6] = 1;
        Assert.Contains("flags 0x0001", await LoadError(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_MismatchedDimensions_IsRejected() =>
        Assert.Contains("holds 12-dimensional vectors; 768 were expected", await LoadError(await Bytes(Sample()), 768), StringComparison.Ordinal);

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(70000)]
    public async Task Load_AbsurdDimensions_IsRejected(int dimensions)
    {
        var bytes = await Bytes(Sample());
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), dimensions);

        Assert.Contains($"declares {dimensions} dimensions", await LoadError(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_HugeDeclaredCount_FailsCleanlyWithoutAllocatingForIt()
    {
        var bytes = await Bytes(Sample(count: 2));
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(12), int.MaxValue);

        // The vectors are then read as more ids; whichever check trips first, it is InvalidDataException, not OOM.
        Assert.Contains("The index file is", await LoadError(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_EveryTruncation_IsRejectedAsTruncated()
    {
        var bytes = await Bytes(Sample(count: 3, dimensions: 4));

        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.Contains("truncated", await LoadError(bytes[..length]), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Load_AFlippedBitInTheVectors_FailsTheChecksum()
    {
        var bytes = await Bytes(Sample());
        bytes[^20] ^= 0x10;

        Assert.Contains("checksum", await LoadError(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_BadIdLengthOrUtf8OrDuplicate_IsCorrupt()
    {
        var bytes = await Bytes(Sample(count: 2, dimensions: 2));
        var badLength = bytes.ToArray();
        badLength[16] = 0;
        Assert.Contains("id 0 declares 0 bytes", await LoadError(badLength), StringComparison.Ordinal);

        var badUtf8 = bytes.ToArray();
        badUtf8[17] = 0xFF;
        Assert.Contains("id 0 is not valid UTF-8", await LoadError(badUtf8), StringComparison.Ordinal);

        var duplicate = new VectorIndex(2);
        duplicate.Add("same", [1f, 2f]);
        duplicate.Add("sama", [3f, 4f]);
        var dup = await Bytes(duplicate);
        dup[16 + 5 + 4] = (byte)'e'; // second id "sama" -> "same"
        Assert.Contains("'same' appears twice", await LoadError(dup), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_RandomGarbage_NeverAnythingButInvalidData()
    {
        var rng = new Random(11);
        var valid = await Bytes(Sample(count: 4, dimensions: 3));
        for (var trial = 0; trial < 300; trial++)
        {
            var bytes = valid.ToArray();
            for (var flips = rng.Next(1, 4); flips > 0; flips--)
            {
                bytes[rng.Next(bytes.Length)] = (byte)rng.Next(256);
            }

            try
            {
                var loaded = await VectorIndex.LoadAsync(new MemoryStream(bytes), cancellationToken: Ct);
                Assert.Equal(valid, bytes); // only an unchanged file (a flip to the same value) may load
            }
            catch (InvalidDataException)
            {
            }
        }
    }
}
