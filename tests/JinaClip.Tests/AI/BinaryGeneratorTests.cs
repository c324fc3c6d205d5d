using System.Collections;
using System.Numerics.Tensors;
using JinaClip.Testing;
using JinaClip.Tests.Images;
using Microsoft.Extensions.AI;

namespace JinaClip.Tests.AI;

/// <summary>Jina's native binary embeddings through M.E.AI's <see cref="BinaryEmbedding"/>, in its bit order.</summary>
public class BinaryGeneratorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static byte[] Bytes(BitArray bits)
    {
        var bytes = new byte[(bits.Length + 7) / 8];
        bits.CopyTo(bytes, 0);
        return bytes;
    }

    [Fact]
    public async Task BinaryGenerator_SendsUbinary_AndBitIOfTheVectorIsDimensionI()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateClient();
        using var reference = new JinaEmulator().CreateClient();

        var result = await client.AsBinaryEmbeddingGenerator(JinaModels.EmbeddingsV3).GenerateAsync(["a red dog"], cancellationToken: Ct);

        Assert.Equal("""{"model":"jina-embeddings-v3","input":["a red dog"],"embedding_type":"ubinary"}""", emulator.Requests[0].Body);
        var bits = result[0].Vector;
        Assert.Equal(1024, bits.Length);
        Assert.Equal(1024, result[0].Dimensions);
        var packed = (await reference.EmbedAsync(["a red dog"], new EmbeddingOptions { Model = JinaModels.EmbeddingsV3, EmbeddingType = EmbeddingType.UBinary }, Ct))[0].GetPackedBits().ToArray();
        var unpacked = new bool[packed.Length * 8];
        BinaryEmbeddings.Unpack(packed, unpacked); // the SDK's own order: most significant bit first
        Assert.Equal(unpacked, Enumerable.Range(0, bits.Length).Select(i => bits[i]));
    }

    [Fact]
    public async Task HammingBitDistance_OnTheMeaiVectors_EqualsTheSdksHammingDistance()
    {
        using var client = new JinaEmulator().CreateClient();
        string[] texts = ["a red dog", "a bridge at night", "the cat sat on the mat"];

        var meai = await client.AsBinaryEmbeddingGenerator(JinaModels.EmbeddingsV3).GenerateAsync(texts, cancellationToken: Ct);
        var sdk = await client.EmbedAsync(texts, new EmbeddingOptions { Model = JinaModels.EmbeddingsV3, EmbeddingType = EmbeddingType.Binary }, Ct);

        for (var i = 0; i < texts.Length; i++)
        {
            for (var j = 0; j < texts.Length; j++)
            {
                var expected = HammingSearch.Distance(sdk[i].GetPackedBits().Span, sdk[j].GetPackedBits().Span);
                Assert.Equal(expected, (int)TensorPrimitives.HammingBitDistance<byte>(Bytes(meai[i].Vector), Bytes(meai[j].Vector)));
            }
        }

        Assert.NotEqual(0, HammingSearch.Distance(sdk[0].GetPackedBits().Span, sdk[1].GetPackedBits().Span));
    }

    [Fact]
    public async Task BinaryImageGenerator_EmbedsImageBytes_RawOptionsMayAskForSignedBinary()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateClient();
        var options = new EmbeddingGenerationOptions { RawRepresentationFactory = _ => new EmbeddingOptions { EmbeddingType = EmbeddingType.Binary } };

        var result = await client.AsBinaryImageEmbeddingGenerator(JinaModels.ClipV2).GenerateAsync([new DataContent(TestImages.Png(8, 8), "image/png")], options, Ct);

        Assert.Equal(1024, result[0].Vector.Length);
        Assert.Contains("\"embedding_type\":\"binary\"", emulator.Requests[0].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BinaryGenerator_FloatTypeInRawOptions_IsRefused()
    {
        using var client = new JinaEmulator().CreateClient();
        var options = new EmbeddingGenerationOptions { RawRepresentationFactory = _ => new EmbeddingOptions { EmbeddingType = EmbeddingType.Float } };

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.AsBinaryEmbeddingGenerator().GenerateAsync(["x"], options, Ct));

        Assert.StartsWith("BinaryEmbedding needs packed bits; embedding_type Float cannot be used here", ex.Message, StringComparison.Ordinal);
    }
}
