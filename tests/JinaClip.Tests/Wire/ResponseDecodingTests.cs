using System.Runtime.InteropServices;
using JinaClip.Tests.TestSupport;

namespace JinaClip.Tests.Wire;

public class ResponseDecodingTests
{
    private static JinaEmbeddingClient Client(JinaMock mock, string model = "m") => mock.CreateClient(o => o.DefaultModel = model);

    [Fact]
    public async Task EmbedAsync_Base64Embedding_DecodesLittleEndianFloats()
    {
        float[] expected = [1.5f, -0.25f, 3.4028235e38f, float.Epsilon];
        using var mock = new JinaMock();
        mock.RespondWith(Responses.Base64Body("m", [expected]));
        using var client = Client(mock);

        var result = await client.EmbedAsync(["a"], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(expected, result[0].GetVector().ToArray());
        Assert.Equal(EmbeddingType.Float, result[0].Type);
    }

    [Theory]
    [InlineData("\\/")]
    [InlineData("\\u002F")]
    [InlineData("\\u002f")]
    public async Task EmbedAsync_Base64WithJsonEscapedSolidus_DecodesCorrectly(string escapedSlash)
    {
        // 0x3F 0xFF 0xFF 0xFF (a float whose base64 contains '/') chosen so the encoded text has a '/'.
        var vector = MemoryMarshal.Cast<byte, float>(new byte[] { 0xFF, 0xFF, 0xFF, 0x3F, 0xFC, 0xFF, 0xFF, 0x3F }).ToArray();
        var base64 = Responses.Base64(vector);
        Assert.Contains('/', base64);
        using var mock = new JinaMock();
        mock.RespondWith($$"""{"model":"m","usage":{"total_tokens":1},"data":[{"index":0,"embedding":"{{base64.Replace("/", escapedSlash, StringComparison.Ordinal)}}"}]}""");
        using var client = Client(mock);

        var result = await client.EmbedAsync(["a"], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(vector, result[0].GetVector().ToArray());
    }

    [Fact]
    public async Task EmbedAsync_FloatArrayResponse_IsAcceptedEvenWhenBase64WasAsked()
    {
        using var mock = new JinaMock();
        mock.RespondWith("""{"model":"m","object":"list","usage":{"total_tokens":3,"prompt_tokens":3},"data":[{"object":"embedding","index":0,"embedding":[0.125,-2,1e-3]}]}""");
        using var client = Client(mock);

        var result = await client.EmbedAsync(["a"], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal([0.125f, -2f, 0.001f], result[0].GetVector().ToArray());
    }

    [Fact]
    public async Task EmbedAsync_ShuffledIndices_ReturnsInputOrder()
    {
        var vectors = new[] { Responses.Vector(4, 10), Responses.Vector(4, 20), Responses.Vector(4, 30) };
        using var mock = new JinaMock();
        mock.RespondWith(Responses.Base64Body("m", vectors, order: [2, 0, 1]));
        using var client = Client(mock);

        var result = await client.EmbedAsync(["a", "b", "c"], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal([0, 1, 2], result.Select(e => e.Index));
        Assert.Equal(10f, result[0].GetVector().Span[0]);
        Assert.Equal(20f, result[1].GetVector().Span[0]);
        Assert.Equal(30f, result[2].GetVector().Span[0]);
    }

    [Fact]
    public async Task EmbedAsync_Usage_MapsAllThreeCountsAndModel()
    {
        using var mock = new JinaMock();
        mock.RespondWith(Responses.Base64Body("jina-clip-v1-served", [Responses.Vector(2, 1)], usage: """{"total_tokens":1012,"prompt_tokens":12,"image_tokens":1000}"""));
        using var client = Client(mock);

        var result = await client.EmbedAsync(["a"], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(new EmbeddingUsage(1012, 12, 1000), result.Usage);
        Assert.Equal("jina-clip-v1-served", result.Model);
    }

    [Theory]
    [InlineData("""{"total_tokens":7}""", 7, null, null)]
    [InlineData("""{"total_tokens":7,"prompt_tokens":null,"image_tokens":null}""", 7, null, null)]
    [InlineData("""{}""", null, null, null)]
    [InlineData("""null""", null, null, null)]
    public async Task EmbedAsync_PartialUsage_LeavesMissingCountsNull(string usage, int? total, int? prompt, int? image)
    {
        using var mock = new JinaMock();
        mock.RespondWith(Responses.Base64Body("m", [Responses.Vector(2, 1)], usage: usage));
        using var client = Client(mock);

        var result = await client.EmbedAsync(["a"], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(new EmbeddingUsage(total, prompt, image), result.Usage);
    }

    [Fact]
    public async Task EmbedAsync_Ubinary_ReturnsPackedBytes()
    {
        using var mock = new JinaMock();
        mock.RespondWith("""{"model":"m","usage":{"total_tokens":1},"data":[{"index":0,"embedding":[255,0,128]}]}""");
        using var client = Client(mock);

        var result = await client.EmbedAsync(["a"], new EmbeddingOptions { EmbeddingType = EmbeddingType.UBinary }, TestContext.Current.CancellationToken);

        Assert.Equal([255, 0, 128], result[0].GetPackedBits().ToArray());
        Assert.Equal(24, result[0].Dimensions);
        Assert.Throws<InvalidOperationException>(() => result[0].GetVector());
    }

    [Fact]
    public async Task EmbedAsync_Binary_ShiftsSignedBytesToPackedBits()
    {
        using var mock = new JinaMock();
        mock.RespondWith("""{"model":"m","usage":{"total_tokens":1},"data":[{"index":0,"embedding":[127,-128,0]}]}""");
        using var client = Client(mock);

        var result = await client.EmbedAsync(["a"], new EmbeddingOptions { EmbeddingType = EmbeddingType.Binary }, TestContext.Current.CancellationToken);

        Assert.Equal([255, 0, 128], result[0].GetPackedBits().ToArray());
        var bits = result[0].UnpackBits();
        Assert.Equal(24, bits.Length);
        Assert.All(bits[..8], Assert.True);
        Assert.All(bits[8..16], Assert.False);
        Assert.True(bits[16]);
        Assert.All(bits[17..], Assert.False);
    }

    [Fact]
    public async Task EmbedAsync_BinaryValueOutOfRange_IsInvalidResponse()
    {
        using var mock = new JinaMock();
        mock.RespondWith("""{"model":"m","usage":{"total_tokens":1},"data":[{"index":0,"embedding":[128]}]}""");
        using var client = Client(mock);

        var ex = await Assert.ThrowsAsync<JinaInvalidResponseException>(() =>
            client.EmbedAsync(["a"], new EmbeddingOptions { EmbeddingType = EmbeddingType.Binary }, TestContext.Current.CancellationToken));
        Assert.Contains("out of range", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmbedAsync_KnownModel_ChecksNativeDimensions()
    {
        using var mock = new JinaMock();
        mock.RespondWith(Responses.Base64Body("jina-clip-v1", [Responses.Vector(512, 1)]));
        using var client = Client(mock, JinaModels.ClipV1);

        var ex = await Assert.ThrowsAsync<JinaInvalidResponseException>(() => client.EmbedAsync(["a"], cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("has 512 dimensions", ex.Message, StringComparison.Ordinal);
        Assert.Contains("768", ex.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> InvalidBodies() => new()
    {
        { Responses.Base64Body("m", [Responses.Vector(4, 1), Responses.Vector(4, 2)], order: [0]), "holds 1 embeddings for 2 inputs" },
        { Responses.Base64Body("m", [Responses.Vector(4, 1), Responses.Vector(4, 2), Responses.Vector(4, 3)]), "holds 3 embeddings for 2 inputs" },
        { Responses.Base64Body("m", [Responses.Vector(4, 1), Responses.Vector(4, 2)], order: [1, 1]), "two embeddings with index 1" },
        { Responses.Base64Body("m", [Responses.Vector(4, 1), Responses.Vector(4, 2), Responses.Vector(4, 3)], order: [0, 2]), "index 2" },
        { Responses.Base64Body("m", [Responses.Vector(4, 1), Responses.Vector(3, 2)]), "has 3 dimensions" },
        { """{"model":"m","usage":{"total_tokens":1},"data":[{"index":0,"embedding":"AAAAAA=="},{"embedding":"AAAAAA=="}]}""", "has no 'index'" },
        { """{"model":"m","usage":{"total_tokens":1},"data":[{"index":0},{"index":1,"embedding":"AAAAAA=="}]}""", "has no 'embedding'" },
        { """{"model":"m","usage":{"total_tokens":1}}""", "no 'data'" },
        { """{"model":"m","data":[{"index":0,"embedding":"AAA"},{"index":1,"embedding":"AAAAAA=="}]}""", "not a multiple of 4" },
        { """{"model":"m","data":[{"index":0,"embedding":"AA=="},{"index":1,"embedding":"AAAAAA=="}]}""", "not a whole number of float32" },
        { """{"model":"m","data":[{"index":0,"embedding":"!!!!!!=="},{"index":1,"embedding":"AAAAAA=="}]}""", "not valid base64" },
        { """{"model":"m","data":[{"index":0,"embeddings":[[1]]},{"index":1,"embedding":"AAAAAA=="}]}""", "multi-vector" },
        { """{"model":"m","data":[{"index":0,"embedding":"AAAAAA=="},{"index":1,"emb""", "not valid JSON" },
        { """<html>oops</html>""", "not valid JSON" },
        { """[1,2]""", "JSON object" },
        { """{"model":"m","data":[1,2]}""", "not an object" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task EmbedAsync_MismatchedOrBrokenResponse_ThrowsNamingTheProblem(string body, string named)
    {
        using var mock = new JinaMock();
        mock.RespondWith(body);
        using var client = Client(mock);

        var ex = await Assert.ThrowsAsync<JinaInvalidResponseException>(() => client.EmbedAsync(["a", "b"], cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains(named, ex.Message, StringComparison.Ordinal);
    }
}
