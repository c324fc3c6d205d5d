using System.Threading.RateLimiting;
using JinaClip.Testing;

namespace JinaClip.Tests.Pipeline;

/// <summary>
/// <see cref="JinaClientOptions.MaxConcurrentRequests"/> and <see cref="JinaClientOptions.ConcurrencyLimiter"/>: a
/// connection's requests in flight stay under the key's concurrency limit, so the emulator's quota never answers 429.
/// </summary>
public class ConcurrencyLimitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static JinaEmulator SlowEmulatorAllowingTwo()
    {
        var emulator = new JinaEmulator(new JinaEmulatorOptions { Quota = new EmulatorQuota { MaxConcurrentRequests = 2 } });
        emulator.Faults.Latency = TimeSpan.FromMilliseconds(30);
        return emulator;
    }

    private static string[] Texts => [.. Enumerable.Range(0, 16).Select(i => $"text {i}")];

    [Fact]
    public async Task WithoutALimit_EightBatchesAtOnce_MeetTheKeysConcurrencyQuota()
    {
        // The failing run the limit exists for: a call's 8 concurrent batches against a key that allows 2.
        var emulator = SlowEmulatorAllowingTwo();
        using var client = emulator.CreateClient(o => (o.MaxBatchSize, o.MaxConcurrency, o.Retry.MaxRetryAttempts) = (1, 8, 0));

        var error = await Assert.ThrowsAsync<JinaBatchException>(() => client.EmbedAsync(Texts, cancellationToken: Ct));
        Assert.Contains("RATE_CONCURRENCY_LIMIT_EXCEEDED", error.ToString(), StringComparison.Ordinal);

        Assert.True(emulator.QuotaRejections > 0);
    }

    [Fact]
    public async Task MaxConcurrentRequests_KeepsAConnectionUnderTheQuota_AndEveryVectorComesBackInOrder()
    {
        var emulator = SlowEmulatorAllowingTwo();
        using var client = emulator.CreateClient(o => (o.MaxBatchSize, o.MaxConcurrency, o.Retry.MaxRetryAttempts, o.MaxConcurrentRequests) = (1, 8, 0, 2));

        var result = await client.EmbedAsync(Texts, cancellationToken: Ct);

        Assert.Equal(0, emulator.QuotaRejections);
        Assert.Equal(Enumerable.Range(0, 16), result.Select(e => e.Index));
        Assert.Equal(16, emulator.RequestCount);
    }

    [Fact]
    public async Task ASharedConcurrencyLimiter_KeepsTwoClientsCallingAtOnce_UnderTheQuota()
    {
        var emulator = SlowEmulatorAllowingTwo();
        using var shared = new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = 2, QueueLimit = 1000 });
        using var first = emulator.CreateJinaClient(o => (o.MaxBatchSize, o.MaxConcurrency, o.Retry.MaxRetryAttempts, o.ConcurrencyLimiter) = (1, 8, 0, shared));
        using var second = emulator.CreateJinaClient(o => (o.MaxBatchSize, o.MaxConcurrency, o.Retry.MaxRetryAttempts, o.ConcurrencyLimiter) = (1, 8, 0, shared));

        var results = await Task.WhenAll(first.GetEmbeddingsClient().EmbedAsync(Texts, cancellationToken: Ct), second.GetEmbeddingsClient().EmbedAsync(Texts, cancellationToken: Ct));

        Assert.Equal(0, emulator.QuotaRejections);
        Assert.All(results, r => Assert.Equal(16, r.Count));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void MaxConcurrentRequests_BelowOne_IsRefusedWhenTheClientIsBuilt(int value)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new JinaEmbeddingClient(new JinaClientOptions { ApiKey = "jina_x", MaxConcurrentRequests = value }));

        Assert.Contains("MaxConcurrentRequests", error.Message, StringComparison.Ordinal);
    }
}
