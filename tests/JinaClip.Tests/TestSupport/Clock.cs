using Microsoft.Extensions.Time.Testing;

namespace JinaClip.Tests.TestSupport;

/// <summary>Drives a <see cref="FakeTimeProvider"/> forward until a task completes, so retry tests never sleep.</summary>
internal static class Clock
{
    private static readonly TimeSpan RealTimeLimit = TimeSpan.FromSeconds(20);

    public static async Task<T> Drive<T>(FakeTimeProvider clock, Task<T> task, double stepSeconds = 0.5)
    {
        await DriveUntil(clock, () => task.IsCompleted, stepSeconds);
        return await task.WaitAsync(RealTimeLimit);
    }

    /// <summary>
    /// Advances the fake clock in small steps (yielding real time between them so timers registered late still fire)
    /// until <paramref name="condition"/> holds, and returns how much fake time passed. Fails instead of hanging.
    /// </summary>
    public static async Task<TimeSpan> DriveUntil(FakeTimeProvider clock, Func<bool> condition, double stepSeconds = 0.1)
    {
        var start = clock.GetUtcNow();
        var deadline = DateTime.UtcNow + RealTimeLimit;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The fake clock was driven for too long without the condition becoming true.");
            await Task.Delay(2);
            clock.Advance(TimeSpan.FromSeconds(stepSeconds));
        }

        return clock.GetUtcNow() - start;
    }

    /// <summary>Waits (in real time, briefly) until <paramref name="condition"/> holds.</summary>
    public static async Task Until(Func<bool> condition)
    {
        for (var i = 0; i < 2000 && !condition(); i++)
        {
            await Task.Delay(5);
        }

        Assert.True(condition(), "The condition did not become true in time.");
    }
}
