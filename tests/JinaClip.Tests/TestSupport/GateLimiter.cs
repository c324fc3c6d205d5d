using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace JinaClip.Tests.TestSupport;

/// <summary>
/// A rate limiter the test controls: it records every permit count asked for and, when closed, holds each
/// acquisition until <see cref="Release"/> grants it (or refuses it).
/// </summary>
internal sealed class GateLimiter(bool open = true) : RateLimiter
{
    private readonly ConcurrentQueue<TaskCompletionSource<bool>> _waiting = new();
    private int _granted;

    public ConcurrentQueue<int> Asked { get; } = new();

    public int Granted => Volatile.Read(ref _granted);

    public int Waiting => _waiting.Count;

    public override TimeSpan? IdleDuration => null;

    public override RateLimiterStatistics? GetStatistics() => null;

    /// <summary>Grants (or refuses) the oldest waiting acquisition.</summary>
    public void Release(bool grant = true)
    {
        Assert.True(_waiting.TryDequeue(out var next), "No acquisition is waiting.");
        next.SetResult(grant);
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => throw new NotSupportedException("The client acquires asynchronously.");

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Asked.Enqueue(permitCount);
        var grant = true;
        if (!open)
        {
            var gate = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Enqueue(gate);
            grant = await gate.Task.WaitAsync(cancellationToken);
        }

        if (grant)
        {
            Interlocked.Increment(ref _granted);
        }

        return new Lease(grant);
    }

    private sealed class Lease(bool acquired) : RateLimitLease
    {
        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
