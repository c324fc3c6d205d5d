using JinaClip.Testing;
using JinaClip.Tests.TestSupport;

namespace JinaClip.Tests.Pipeline;

public class RateLimitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static IEnumerable<EmbeddingInput> Texts(int count) =>
        Enumerable.Range(0, count).Select(i => (EmbeddingInput)$"one two three four {i}");

    [Fact]
    public async Task RequestRateLimiter_IsAskedForOnePermitPerRequest()
    {
        var emulator = new JinaEmulator();
        using var limiter = new GateLimiter();
        using var client = emulator.CreateClient(o => { o.MaxBatchSize = 2; o.RequestRateLimiter = limiter; });

        await client.EmbedAsync(Texts(9), cancellationToken: Ct);

        Assert.Equal(5, emulator.RequestCount);
        Assert.Equal([1, 1, 1, 1, 1], limiter.Asked);
    }

    [Fact]
    public async Task TokenRateLimiter_IsAskedForEachBatchsEstimatedTokens()
    {
        var emulator = new JinaEmulator();
        using var limiter = new GateLimiter();
        using var client = emulator.CreateClient(o => { o.MaxBatchSize = 2; o.MaxConcurrency = 1; o.TokenRateLimiter = limiter; });

        // Five words each: ⌈5 × 1.1⌉ = 6 estimated tokens a text; batches of 2, 2 and 1.
        await client.EmbedAsync(Texts(5), cancellationToken: Ct);

        Assert.Equal([12, 12, 6], limiter.Asked);
    }

    [Fact]
    public async Task RequestRateLimiter_HoldsEachRequestUntilAPermitIsGranted()
    {
        var emulator = new JinaEmulator();
        using var limiter = new GateLimiter(open: false);
        using var client = emulator.CreateClient(o => { o.MaxBatchSize = 1; o.MaxConcurrency = 4; o.RequestRateLimiter = limiter; });

        var call = client.EmbedAsync(Texts(3), cancellationToken: Ct);
        await Clock.Until(() => limiter.Waiting == 3);
        Assert.Equal(0, emulator.RequestCount);

        limiter.Release();
        await Clock.Until(() => emulator.RequestCount == 1);
        limiter.Release();
        limiter.Release();

        var result = await call.WaitAsync(TimeSpan.FromSeconds(20), Ct);
        Assert.Equal(3, emulator.RequestCount);
        Assert.Equal([0, 1, 2], result.Select(e => e.Index));
    }

    [Fact]
    public async Task RefusedPermit_FailsWithoutSending()
    {
        var emulator = new JinaEmulator();
        using var limiter = new GateLimiter(open: false);
        using var client = emulator.CreateClient(o => o.RequestRateLimiter = limiter);

        var call = client.EmbedTextAsync("a", cancellationToken: Ct);
        await Clock.Until(() => limiter.Waiting == 1);
        limiter.Release(grant: false);

        var ex = await Assert.ThrowsAsync<JinaRateLimitRejectedException>(() => call);
        Assert.Contains("client-side request rate limiter refused 1 request permit(s)", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, emulator.RequestCount);
    }

    [Fact]
    public async Task CancelWhileWaitingForAPermit_SendsNothing()
    {
        var emulator = new JinaEmulator();
        using var limiter = new GateLimiter(open: false);
        using var client = emulator.CreateClient(o => o.RequestRateLimiter = limiter);
        using var cts = new CancellationTokenSource();

        var call = client.EmbedTextAsync("a", cancellationToken: cts.Token);
        await Clock.Until(() => limiter.Waiting == 1);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Equal(0, emulator.RequestCount);
    }

    [Fact]
    public async Task RequestsPerMinute_StopsAtTheLimitWithinAMinute()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateClient(o => { o.MaxBatchSize = 1; o.RequestsPerMinute = 2; });
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var call = client.EmbedAsync(Texts(3), cancellationToken: cts.Token);
        var limiter = client.Connection!.Limits.Requests!;

        // The exact state, not a pause: the third request is queued in the limiter (its window is seconds away), so it
        // has not been sent, and the first two were.
        await Clock.Until(() => limiter.GetStatistics()!.CurrentQueuedCount == 1);
        Assert.Equal(2, emulator.RequestCount);
        Assert.Equal(0, limiter.GetStatistics()!.CurrentAvailablePermits);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }
}
