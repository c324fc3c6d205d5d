using System.Globalization;
using System.Net;
using System.Text;
using JinaClip.Tests.TestSupport;

namespace JinaClip.Tests.Wire;

/// <summary>Success bodies built to exhaust or fool the client: each is refused with the documented exception, or read right.</summary>
public class HostileResponseTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static JinaEmbeddingClient ClipClient(JinaMock mock, int retries = 0) =>
        mock.CreateClient(o => { o.DefaultModel = JinaModels.ClipV1; o.Retry.MaxRetryAttempts = retries; o.Retry.BaseDelay = TimeSpan.FromMilliseconds(1); });

    [Theory]
    [InlineData(2_000_000_000L)]
    [InlineData(2_147_483_646L)]
    [InlineData(long.MaxValue)]
    public async Task EmbedAsync_ContentLengthPastTheCap_IsRefusedWithoutAllocatingOrRetrying(long claimed)
    {
        using var mock = new JinaMock((_, body) =>
        {
            var response = JinaMock.Json(Responses.ForRequest(body));
            response.Content.Headers.ContentLength = claimed;
            return response;
        });
        using var client = ClipClient(mock, retries: 3);
        var before = GC.GetTotalAllocatedBytes(precise: true);

        var ex = await Assert.ThrowsAsync<JinaInvalidResponseException>(() => client.EmbedAsync(["a"], cancellationToken: Ct));

        Assert.Contains($"declares {claimed:N0} bytes (Content-Length)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("past the response cap of", ex.Message, StringComparison.Ordinal);
        Assert.Contains("1 embedding(s) of 768 values", ex.Message, StringComparison.Ordinal);
        // Nothing the size of the claim was allocated (other tests running at the same time allocate far less than 1 GiB).
        Assert.InRange(GC.GetTotalAllocatedBytes(precise: true) - before, 0, 1L << 30);
        Assert.Single(mock.Requests);
    }

    [Fact]
    public async Task EmbedAsync_BodyLongerThanItsContentLength_IsReadInFull()
    {
        // The buffer is sized from Content-Length, but a body that does not keep to it is still read to its end.
        var body = Encoding.UTF8.GetBytes(Responses.Base64Body(JinaModels.ClipV1, [Responses.Vector(768, 1), Responses.Vector(768, 2)]));
        using var mock = new JinaMock((_, _) =>
        {
            var content = new StreamContent(new MemoryStream(body));
            content.Headers.ContentLength = 100;
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        });
        using var client = ClipClient(mock);

        var result = await client.EmbedAsync(["a", "b"], cancellationToken: Ct);

        Assert.Equal(Responses.Vector(768, 2), result[1].GetVector().ToArray());
    }

    [Fact]
    public async Task EmbedAsync_BodyShorterThanItsContentLength_IsRefusedAsInvalid()
    {
        var body = Encoding.UTF8.GetBytes(Responses.Base64Body(JinaModels.ClipV1, [Responses.Vector(768, 1)]));
        using var mock = new JinaMock((_, _) =>
        {
            var content = new StreamContent(new MemoryStream(body, 0, body.Length / 2));
            content.Headers.ContentLength = body.Length;
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        });
        using var client = ClipClient(mock);

        var ex = await Assert.ThrowsAsync<JinaInvalidResponseException>(() => client.EmbedAsync(["a"], cancellationToken: Ct));

        Assert.Contains("not valid JSON", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmbedAsync_EndlessChunkedBody_StopsAtTheCapAndDropsTheStream()
    {
        var endless = new EndlessStream();
        using var mock = new JinaMock((_, _) => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(endless) });
        using var client = ClipClient(mock);

        var ex = await Assert.ThrowsAsync<JinaInvalidResponseException>(() => client.EmbedAsync(["a"], cancellationToken: Ct));

        Assert.Contains("holds more than", ex.Message, StringComparison.Ordinal);
        Assert.Contains("the connection was dropped", ex.Message, StringComparison.Ordinal);
        Assert.True(endless.Disposed);

        // The cap for one 768-value vector is about 1 MiB; reading stops within one buffer of it.
        Assert.InRange(endless.BytesRead, 1024 * 1024, 4 * 1024 * 1024);
    }

    [Fact]
    public async Task EmbedAsync_WidestLegitimateBody_FitsUnderTheCap()
    {
        // 64 vectors of 768 floats written as JSON arrays with nine significant digits and spaces: the widest form a
        // server may legitimately use is read, not refused.
        using var mock = new JinaMock((_, body) => JinaMock.Json(WideArrayBody(64, 768)));
        using var client = ClipClient(mock);

        var result = await client.EmbedAsync(Enumerable.Range(0, 64).Select(i => (EmbeddingInput)$"t{i}"), cancellationToken: Ct);

        Assert.Equal(64, result.Count);
        Assert.Equal(-1.23456791E-05f, result[63].GetVector().Span[0]);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public async Task EmbedAsync_Base64VectorWithNonFiniteValue_IsInvalid(float bad)
    {
        var vector = Responses.Vector(768, 1);
        vector[100] = bad;
        using var mock = new JinaMock((_, _) => JinaMock.Json(Responses.Base64Body(JinaModels.ClipV1, [vector])));
        using var client = ClipClient(mock);

        var ex = await Assert.ThrowsAsync<JinaInvalidResponseException>(() => client.EmbedAsync(["a"], cancellationToken: Ct));

        Assert.Contains("non-finite value", ex.Message, StringComparison.Ordinal);
        Assert.Contains("at position 100", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmbedAsync_JsonArrayNumberBeyondFloatRange_IsInvalid()
    {
        using var mock = new JinaMock((_, _) => JinaMock.Json("""{"model":"m","data":[{"index":0,"embedding":[0.5,1e39,0.25]}]}"""));
        using var client = mock.CreateClient(o => o.DefaultModel = "m");

        var ex = await Assert.ThrowsAsync<JinaInvalidResponseException>(() => client.EmbedAsync(["a"], cancellationToken: Ct));

        Assert.Contains("non-finite value (Infinity) at position 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmbedAsync_UsageAboveInt32_IsReadAsLong()
    {
        var body = Responses.Base64Body(JinaModels.ClipV1, [Responses.Vector(768, 1)], usage: """{"total_tokens":3000000000,"prompt_tokens":3000000000}""");
        using var mock = new JinaMock((_, _) => JinaMock.Json(body));
        using var client = ClipClient(mock);

        var result = await client.EmbedAsync(["a"], cancellationToken: Ct);

        Assert.Equal(3_000_000_000L, result.Usage.TotalTokens);
        Assert.Equal(3_000_000_000L, result.Usage.PromptTokens);
    }

    [Fact]
    public async Task EmbedAsync_TwoBatchesOfTwoBillionTokens_SumsWithoutOverflow()
    {
        using var mock = new JinaMock((_, body) => JinaMock.Json(
            Responses.Base64Body(JinaModels.ClipV1, [Responses.Vector(768, 1)], usage: """{"total_tokens":2000000000}""")));
        using var client = mock.CreateClient(o => { o.DefaultModel = JinaModels.ClipV1; o.MaxBatchSize = 1; });

        var result = await client.EmbedAsync(["a", "b"], cancellationToken: Ct);

        Assert.Equal(4_000_000_000L, result.Usage.TotalTokens);
    }

    [Theory]
    [InlineData("\"12\"", "is a JSON String; expected a whole number of tokens")]
    [InlineData("-5", "is -5; expected a whole number of tokens")]
    [InlineData("1.5", "is 1.5; expected a whole number of tokens")]
    [InlineData("99999999999999999999", "is 99999999999999999999; expected a whole number of tokens")]
    public async Task EmbedAsync_MalformedUsage_IsAnErrorNamingUsage(string value, string expected)
    {
        var body = Responses.Base64Body(JinaModels.ClipV1, [Responses.Vector(768, 1)], usage: $$"""{"total_tokens":{{value}}}""");
        using var mock = new JinaMock((_, _) => JinaMock.Json(body));
        using var client = ClipClient(mock);

        var ex = await Assert.ThrowsAsync<JinaInvalidResponseException>(() => client.EmbedAsync(["a"], cancellationToken: Ct));

        Assert.Contains($"'usage.total_tokens' {expected}", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("malformed embedding", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"model":5,"data":[{"index":0,"embedding":[1]}]}""", "'model' is a JSON Number; expected a string")]
    [InlineData("""{"model":"m","data":[{"index":"0","embedding":[1]}]}""", "The 'index' of item 0 of 'data' is a JSON String; expected a whole number")]
    [InlineData("""{"model":"m","data":[{"index":0,"embedding":[1,"2"]}]}""", "Value 1 of the embedding of item 0 of 'data' is a JSON String; expected a number")]
    [InlineData("""{"model":"m","data":[{"index":0,"embedding":[1,null]}]}""", "Value 1 of the embedding of item 0 of 'data' is a JSON Null; expected a number")]
    [InlineData("""{"model":"m","data":[{"index":4294967296,"embedding":[1]}]}""", "Item 0 of 'data' has index 4294967296, which is not a valid position")]
    public async Task EmbedAsync_ValueOfTheWrongType_NamesTheField(string body, string expected)
    {
        using var mock = new JinaMock((_, _) => JinaMock.Json(body));
        using var client = mock.CreateClient(o => o.DefaultModel = "m");

        var ex = await Assert.ThrowsAsync<JinaInvalidResponseException>(() => client.EmbedAsync(["a"], cancellationToken: Ct));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Null(ex.InnerException);
    }

    [Fact]
    public async Task EmbedAsync_BinaryValueOfTheWrongType_NamesTheValue()
    {
        using var mock = new JinaMock((_, _) => JinaMock.Json("""{"model":"m","data":[{"index":0,"embedding":[1,true]}]}"""));
        using var client = mock.CreateClient(o => o.DefaultModel = "m");

        var ex = await Assert.ThrowsAsync<JinaInvalidResponseException>(() =>
            client.EmbedAsync(["a"], new EmbeddingOptions { EmbeddingType = EmbeddingType.UBinary }, Ct));

        Assert.Contains("Value 1 of the embedding of item 0 of 'data' is a JSON True; expected an integer", ex.Message, StringComparison.Ordinal);
    }

    private static string WideArrayBody(int count, int dims)
    {
        var sb = new StringBuilder("""{"model":"jina-clip-v1","object":"list","usage":{"total_tokens":1},"data":[""");
        for (var i = 0; i < count; i++)
        {
            sb.Append(i == 0 ? string.Empty : ", ").Append("""{"object": "embedding", "index": """).Append(i).Append(""", "embedding": [""");
            for (var d = 0; d < dims; d++)
            {
                sb.Append(d == 0 ? string.Empty : ", ").Append((-1.23456791E-05f).ToString("E8", CultureInfo.InvariantCulture));
            }

            sb.Append("]}");
        }

        return sb.Append("]}").ToString();
    }

    /// <summary>A body that never ends, as a hostile chunked response; it records how much was read and whether it was dropped.</summary>
    private sealed class EndlessStream : Stream
    {
        public long BytesRead { get; private set; }

        public bool Disposed { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            buffer.AsSpan(offset, count).Fill((byte)' ');
            BytesRead += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }
}
