namespace JinaClip.Tests.TestSupport;

/// <summary>
/// Counts the task exceptions that go unobserved while a body runs. Its tests run in their own non-parallel collection
/// (<see cref="UnobservedTaskTests"/>), so no other test's tasks are finalized meanwhile; garbage from earlier tests
/// is collected before listening starts; collection is forced after the body; and only exceptions thrown by the SDK's
/// own code count.
/// </summary>
internal static class UnobservedTasks
{
    public static async Task<IReadOnlyList<Exception>> DuringAsync(Func<Task> body)
    {
        Collect(); // what earlier tests left behind is finalized before we listen
        var unobserved = new List<Exception>();
        void OnUnobserved(object? sender, UnobservedTaskExceptionEventArgs e)
        {
            if (e.Exception.InnerExceptions.Any(x => x.StackTrace?.Contains("JinaClip.", StringComparison.Ordinal) == true))
            {
                lock (unobserved)
                {
                    unobserved.Add(e.Exception);
                }
            }
        }

        TaskScheduler.UnobservedTaskException += OnUnobserved;
        try
        {
            await body();
            Collect();
        }
        finally
        {
            TaskScheduler.UnobservedTaskException -= OnUnobserved;
        }

        lock (unobserved)
        {
            return [.. unobserved];
        }
    }

    private static void Collect()
    {
        // A task's exception is reported when the task is finalized: two rounds, since finalizing one object can free another.
        for (var i = 0; i < 2; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
    }
}

/// <summary>The tests that listen for unobserved task exceptions: a process-wide event, so they run alone.</summary>
[CollectionDefinition(nameof(UnobservedTaskTests), DisableParallelization = true)]
public sealed class UnobservedTaskTests;
