using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace JinaClip.Tests.TestSupport;

/// <summary>A fake clock that records the due time of every timer created on it, so a test can assert the exact delay a retry scheduled.</summary>
internal sealed class TimerWatchingClock : FakeTimeProvider
{
    public ConcurrentQueue<TimeSpan> DueTimes { get; } = new();

    /// <summary>Gets the due time of every timer that has fired, in firing order: the exact state a test asserts on, instead of sleeping.</summary>
    public ConcurrentQueue<TimeSpan> FiredDueTimes { get; } = new();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        DueTimes.Enqueue(dueTime);
        return base.CreateTimer(
            s =>
            {
                FiredDueTimes.Enqueue(dueTime);
                callback(s);
            },
            state,
            dueTime,
            period);
    }

    /// <summary>Gets how many timers of exactly <paramref name="dueTime"/> have fired.</summary>
    public int Fired(TimeSpan dueTime) => FiredDueTimes.Count(d => d == dueTime);

    /// <summary>Waits (briefly, in real time) until a timer of exactly <paramref name="dueTime"/> was created.</summary>
    public Task UntilTimer(TimeSpan dueTime) => Clock.Until(() => DueTimes.Contains(dueTime));
}
