using System.Net;
using JinaClip.Testing;
using JinaClip.Tests.TestSupport;

namespace JinaClip.Tests.Pipeline;

/// <summary>
/// Exact retry delays and attempt counts on a fake clock: the delay a retry schedules is read from the timer it
/// creates, and jitter is fixed through the hidden <c>JinaRetryOptions.Randomizer</c> seam (as Polly's own).
/// </summary>
public sealed class RetryDelayTests : IAsyncLifetime
{
    private readonly TimerWatchingClock _clock = new();
    private JinaEmulatorServer _server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private JinaEmulator Emulator => _server.Emulator;

    public async ValueTask InitializeAsync() =>
        _server = await JinaEmulatorServer.StartAsync(new JinaEmulator(new JinaEmulatorOptions { ApiKey = "jina_delay" }), cancellationToken: Ct);

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private JinaEmbeddingClient Client(Action<JinaClientOptions> configure)
    {
        var options = new JinaClientOptions
        {
            ApiKey = "jina_delay",
            Endpoint = _server.BaseAddress,
            TimeProvider = _clock,
            NetworkTimeout = Timeout.InfiniteTimeSpan,
            TotalTimeout = Timeout.InfiniteTimeSpan,
        };
        configure(options);
        return new JinaEmbeddingClient(options);
    }

    /// <summary>
    /// Advances to one tick before <paramref name="delay"/> and asserts the exact state (the retry's timer has not fired,
    /// so no new attempt can have started), then to it (the timer fires and the next attempt starts). No real-time wait
    /// proves anything here: the fake clock records which timers fired.
    /// </summary>
    private async Task AdvanceExactly(TimeSpan delay, int requestsBefore)
    {
        await _clock.UntilTimer(delay);
        var fired = _clock.Fired(delay);
        _clock.Advance(delay - TimeSpan.FromTicks(1));
        Assert.Equal(fired, _clock.Fired(delay));
        Assert.Equal(requestsBefore, Emulator.RequestCount);
        _clock.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(fired + 1, _clock.Fired(delay));
        await Clock.Until(() => Emulator.RequestCount == requestsBefore + 1);
    }

    [Fact]
    public async Task RetryAfter_IsWaitedExactly_InsteadOfTheBackoff()
    {
        Emulator.Faults.FailNext(1, HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(7));
        using var client = Client(o => o.Retry.BaseDelay = TimeSpan.FromMilliseconds(100));

        var call = client.EmbedTextAsync("a", cancellationToken: Ct);
        await Clock.Until(() => Emulator.RequestCount == 1);
        await AdvanceExactly(TimeSpan.FromSeconds(7), requestsBefore: 1);

        Assert.Equal(768, (await call.WaitAsync(TimeSpan.FromSeconds(20), Ct)).Length);
        Assert.Equal(2, Emulator.RequestCount);
    }

    [Fact]
    public async Task RetryAfterAboveTheCap_IsWaitedForExactlyTheCap()
    {
        Emulator.Faults.FailNext(1, HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(600));
        using var client = Client(o => o.Retry.MaxRetryAfter = TimeSpan.FromSeconds(10));

        var call = client.EmbedTextAsync("a", cancellationToken: Ct);
        await Clock.Until(() => Emulator.RequestCount == 1);
        await AdvanceExactly(TimeSpan.FromSeconds(10), requestsBefore: 1);

        await call.WaitAsync(TimeSpan.FromSeconds(20), Ct);
        Assert.DoesNotContain(TimeSpan.FromSeconds(600), _clock.DueTimes);
    }

    [Fact]
    public async Task NoJitter_BackoffDoubles_1s2s4s_ThenSucceeds_InFourAttempts()
    {
        Emulator.Faults.FailNext(3, HttpStatusCode.ServiceUnavailable);
        using var client = Client(o => o.Retry.UseJitter = false);

        var call = client.EmbedTextAsync("a", cancellationToken: Ct);
        await Clock.Until(() => Emulator.RequestCount == 1);
        await AdvanceExactly(TimeSpan.FromSeconds(1), requestsBefore: 1);
        await AdvanceExactly(TimeSpan.FromSeconds(2), requestsBefore: 2);
        await AdvanceExactly(TimeSpan.FromSeconds(4), requestsBefore: 3);

        await call.WaitAsync(TimeSpan.FromSeconds(20), Ct);
        Assert.Equal(4, Emulator.RequestCount);
    }

    [Fact]
    public async Task FixedRandomizer_JitteredDelaysAreExactlyPollysDecorrelatedJitter()
    {
        Emulator.Faults.FailNext(3, HttpStatusCode.ServiceUnavailable);
        using var client = Client(o => o.Retry.Randomizer = () => 0.5);

        var call = client.EmbedTextAsync("a", cancellationToken: Ct);
        await Clock.Until(() => Emulator.RequestCount == 1);
        var previous = 0d;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await AdvanceExactly(DecorrelatedJitter(attempt, TimeSpan.FromSeconds(1), 0.5, ref previous), requestsBefore: attempt + 1);
        }

        await call.WaitAsync(TimeSpan.FromSeconds(20), Ct);
        Assert.Equal(4, Emulator.RequestCount);
    }

    [Fact]
    public async Task TotalTimeout_EndsTheRetries_AfterExactlyFiveAttempts()
    {
        // Attempts at 0, 1, 3, 7 and 15 s; the next would be at 31 s, past the 20 s total.
        Emulator.Faults.FailNext(100, HttpStatusCode.ServiceUnavailable);
        using var client = Client(o => { o.Retry.MaxRetryAttempts = 50; o.Retry.UseJitter = false; o.TotalTimeout = TimeSpan.FromSeconds(20); });

        var call = client.EmbedTextAsync("a", cancellationToken: Ct);
        await Clock.Until(() => Emulator.RequestCount == 1);
        await AdvanceExactly(TimeSpan.FromSeconds(1), 1);
        await AdvanceExactly(TimeSpan.FromSeconds(2), 2);
        await AdvanceExactly(TimeSpan.FromSeconds(4), 3);
        await AdvanceExactly(TimeSpan.FromSeconds(8), 4);
        await _clock.UntilTimer(TimeSpan.FromSeconds(16));
        _clock.Advance(TimeSpan.FromSeconds(5));

        var ex = await Assert.ThrowsAsync<TimeoutException>(() => call.WaitAsync(TimeSpan.FromSeconds(20), Ct));
        Assert.Contains("TotalTimeout", ex.Message, StringComparison.Ordinal);
        Assert.Equal(5, Emulator.RequestCount);
    }

    /// <summary>
    /// Polly v8's exponential backoff with jitter ("decorrelated jitter V2"), written out as the reference; the timer
    /// behind <c>Task.Delay(TimeSpan, TimeProvider)</c> then runs in whole milliseconds, so the delay is truncated to them.
    /// </summary>
    private static TimeSpan DecorrelatedJitter(int attempt, TimeSpan baseDelay, double random, ref double previous)
    {
        var t = attempt + random;
        var next = Math.Pow(2, t) * Math.Tanh(Math.Sqrt(4.0 * t));
        var value = next - previous;
        previous = next;
        var ticks = (long)(value * (1 / 1.4d) * baseDelay.Ticks);
        return TimeSpan.FromMilliseconds(ticks / TimeSpan.TicksPerMillisecond);
    }
}
