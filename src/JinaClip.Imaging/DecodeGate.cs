namespace JinaClip.Imaging;

/// <summary>
/// The process-wide limit on images being decoded, resampled and encoded at once, shared by every
/// <see cref="SkiaImageDownscaler"/>: N uploads at once hold at most <see cref="Limit"/> images' memory, not N.
/// Waiters queue in order; a lowered limit applies as images in flight finish.
/// </summary>
internal static class DecodeGate
{
    private static readonly object Sync = new();
    private static readonly LinkedList<TaskCompletionSource<bool>> Waiting = new();
    private static int s_limit = Environment.ProcessorCount;
    private static int s_inFlight;
    private static int s_peak;

    /// <summary>Gets or sets how many images may be in flight at once.</summary>
    public static int Limit
    {
        get => Volatile.Read(ref s_limit);
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            lock (Sync)
            {
                s_limit = value;
                WakeWaiters();
            }
        }
    }

    /// <summary>Gets the most images in flight at once since <see cref="ResetPeak"/> (for tests).</summary>
    public static int Peak => Volatile.Read(ref s_peak);

    /// <summary>Starts counting <see cref="Peak"/> afresh.</summary>
    public static void ResetPeak()
    {
        lock (Sync)
        {
            s_peak = s_inFlight;
        }
    }

    /// <summary>Waits for a place; dispose the result to give it back.</summary>
    public static async ValueTask<Lease> EnterAsync(CancellationToken cancellationToken)
    {
        LinkedListNode<TaskCompletionSource<bool>> node;
        lock (Sync)
        {
            if (s_inFlight < s_limit && Waiting.Count == 0)
            {
                Take();
                return new Lease(true);
            }

            node = Waiting.AddLast(new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
        }

        using (cancellationToken.Register(() => Cancel(node, cancellationToken)))
        {
            await node.Value.Task.ConfigureAwait(false);
        }

        return new Lease(true);
    }

    private static void Cancel(LinkedListNode<TaskCompletionSource<bool>> node, CancellationToken cancellationToken)
    {
        lock (Sync)
        {
            if (node.List is null)
            {
                return; // already given a place: the caller holds it and gives it back
            }

            Waiting.Remove(node);
        }

        node.Value.TrySetCanceled(cancellationToken);
    }

    private static void Release()
    {
        lock (Sync)
        {
            s_inFlight--;
            WakeWaiters();
        }
    }

    private static void WakeWaiters()
    {
        while (s_inFlight < s_limit && Waiting.First is { } first)
        {
            Waiting.RemoveFirst();
            Take();
            first.Value.TrySetResult(true);
        }
    }

    private static void Take()
    {
        s_inFlight++;
        s_peak = Math.Max(s_peak, s_inFlight);
    }

    /// <summary>A place in the gate, given back on <see cref="Dispose"/>.</summary>
    internal readonly struct Lease(bool held) : IDisposable
    {
        /// <inheritdoc/>
        public void Dispose()
        {
            if (held)
            {
                Release();
            }
        }
    }
}
