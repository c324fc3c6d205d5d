using Microsoft.Extensions.Time.Testing;

namespace JinaClip.Tests.TestSupport;

/// <summary>Drives a <see cref="FakeTimeProvider"/> forward until a task completes, so retry tests never sleep.</summary>
internal static class Clock
{
    public static async Task<T> Drive<T>(FakeTimeProvider clock, Task<T> task, double stepSeconds = 0.5)
    {
        for (var i = 0; i < 4000 && !task.IsCompleted; i++)
        {
            await Task.Delay(1);
            clock.Advance(TimeSpan.FromSeconds(stepSeconds));
        }

        return await task;
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
