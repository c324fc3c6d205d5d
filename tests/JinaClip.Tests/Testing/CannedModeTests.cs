using JinaClip.Testing;

namespace JinaClip.Tests.Testing;

public class CannedModeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CannedResponse_IsSentForAnyRequest_CountedButNotRecorded()
    {
        var emulator = new JinaEmulator(new JinaEmulatorOptions { CannedResponse = JinaEmulator.CannedEmbeddings(3, 16) });
        using var client = emulator.CreateClient();

        var result = await client.EmbedAsync(["a", "b", "c"], new EmbeddingOptions { Model = JinaModels.EmbeddingsV3, Dimensions = 16 }, Ct);

        Assert.Equal(3, result.Count);
        Assert.All(result, e => Assert.Equal(16, e.Dimensions));
        Assert.All(result, e => Assert.Equal(1f, VectorMath.DotProduct(e.GetVector().Span, e.GetVector().Span), 4));
        Assert.Equal(1, emulator.RequestCount);
        Assert.Empty(emulator.Requests);
    }

    [Fact]
    public async Task CannedResponse_ThatDoesNotMatchTheRequest_IsStillCaughtByTheClient()
    {
        var emulator = new JinaEmulator(new JinaEmulatorOptions { CannedResponse = JinaEmulator.CannedEmbeddings(2, 768) });
        using var client = emulator.CreateClient(o => o.Retry.MaxRetryAttempts = 0);

        await Assert.ThrowsAsync<JinaInvalidResponseException>(() => client.EmbedAsync(["only one"], cancellationToken: Ct));
    }

    [Fact]
    public async Task CannedFloatJson_OverLoopback_IsDecoded()
    {
        await using var server = await JinaEmulatorServer.StartAsync(
            new JinaEmulator(new JinaEmulatorOptions { CannedResponse = JinaEmulator.CannedEmbeddings(1, 768, base64: false) }), cancellationToken: Ct);
        using var client = new JinaEmbeddingClient(new JinaClientOptions { ApiKey = "k", Endpoint = server.BaseAddress });

        Assert.Equal(768, (await client.EmbedTextAsync("x", cancellationToken: Ct)).Length);
        Assert.Equal(1, server.Emulator.RequestCount);
    }

    [Fact]
    public void CannedEmbeddings_BadSizes_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => JinaEmulator.CannedEmbeddings(0, 768));
        Assert.Throws<ArgumentOutOfRangeException>(() => JinaEmulator.CannedEmbeddings(1, 0));
    }
}
