namespace JinaClip.Pipeline;

/// <summary>Counts the retries of one call (all its batches), for progress and messages.</summary>
internal sealed class RetryCounter
{
    private int _retries;

    public int Retries => Volatile.Read(ref _retries);

    public void Increment() => Interlocked.Increment(ref _retries);
}
