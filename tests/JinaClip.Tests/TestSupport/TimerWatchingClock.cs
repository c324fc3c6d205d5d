using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace JinaClip.Tests.TestSupport;

/// <summary>A fake clock that records the due time of every timer created on it, so a test can assert the exact delay a retry scheduled.</summary>
internal sealed class TimerWatchingClock : FakeTimeProvider
{
    public ConcurrentQueue<TimeSpan> DueTimes { get; } = new();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        DueTimes.Enqueue(dueTime);
        return base.CreateTimer(callback, state, dueTime, period);
    }

    /// <summary>Waits (briefly, in real time) until a timer of exactly <paramref name="dueTime"/> was created.</summary>
    public Task UntilTimer(TimeSpan dueTime) => Clock.Until(() => DueTimes.Contains(dueTime));
}
