using System.Net;
using JinaClip.Testing.Faults;

namespace JinaClip.Testing;

/// <summary>
/// Scripted faults: each <c>...Next</c> call queues faults that the following requests meet, one per request, in the
/// order they were queued. <see cref="Latency"/> applies to every request. Thread-safe.
/// </summary>
public sealed class EmulatorFaults
{
    private readonly Queue<ScheduledFault> _queue = new();
    private readonly List<(string Marker, bool Name)> _rejected = [];
    private readonly object _gate = new();
    private long _latencyTicks;

    /// <summary>Gets or sets a delay added before every response.</summary>
    /// <value>The default is <see cref="TimeSpan.Zero"/>.</value>
    public TimeSpan Latency
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _latencyTicks));
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            Interlocked.Exchange(ref _latencyTicks, value.Ticks);
        }
    }

    /// <summary>Gets the number of queued faults not yet met.</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>Lets the next <paramref name="count"/> requests through untouched, so faults queued after them hit later requests.</summary>
    /// <param name="count">How many requests.</param>
    public void PassNext(int count = 1) => Enqueue(count, new ScheduledFault(FaultKind.None));

    /// <summary>Answers the next <paramref name="count"/> requests with <paramref name="status"/> and the API's error body.</summary>
    /// <param name="count">How many requests fail.</param>
    /// <param name="status">The status, e.g. 429 or 503.</param>
    /// <param name="retryAfter">A <c>Retry-After</c> header to send, in whole seconds.</param>
    public void FailNext(int count, HttpStatusCode status, TimeSpan? retryAfter = null) =>
        Enqueue(count, new ScheduledFault(FaultKind.Fail, status, retryAfter));

    /// <summary>Resets the connection of the next <paramref name="count"/> requests (the handler throws <see cref="HttpRequestException"/>).</summary>
    /// <param name="count">How many requests.</param>
    public void ResetNext(int count = 1) => Enqueue(count, new ScheduledFault(FaultKind.Reset));

    /// <summary>Cuts the body of the next <paramref name="count"/> successful responses in half.</summary>
    /// <param name="count">How many responses.</param>
    public void TruncateNext(int count = 1) => Enqueue(count, new ScheduledFault(FaultKind.Truncate));

    /// <summary>Leaves the last embedding out of the next <paramref name="count"/> successful responses.</summary>
    /// <param name="count">How many responses.</param>
    public void DropOneEmbeddingNext(int count = 1) => Enqueue(count, new ScheduledFault(FaultKind.DropOne));

    /// <summary>Reverses the order of <c>data</c> (indices stay correct) in the next <paramref name="count"/> successful responses.</summary>
    /// <param name="count">How many responses.</param>
    public void ShuffleNext(int count = 1) => Enqueue(count, new ScheduledFault(FaultKind.Shuffle));

    /// <summary>Answers the next <paramref name="count"/> requests with 200 and a body that is not valid JSON.</summary>
    /// <param name="count">How many requests.</param>
    public void InvalidJsonNext(int count = 1) => Enqueue(count, new ScheduledFault(FaultKind.InvalidJson));

    /// <summary>
    /// From now on, rejects every embeddings request holding an input whose text or image URL contains
    /// <paramref name="marker"/>, as the API rejects an input it cannot process (an image URL it cannot fetch): with a 422
    /// whose <c>errors</c> name each such input (<c>body -> input -> 3</c>), or, with <paramref name="nameTheInput"/>
    /// off, a 400 that names none, so that a client must split the batch to find it.
    /// </summary>
    /// <param name="marker">The text that makes an input bad.</param>
    /// <param name="nameTheInput">Whether the error names the input's position in the request.</param>
    public void RejectInputsContaining(string marker, bool nameTheInput = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(marker);
        lock (_gate)
        {
            _rejected.Add((marker, nameTheInput));
        }
    }

    /// <summary>Removes every queued fault, every rejection and the latency.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _queue.Clear();
            _rejected.Clear();
        }

        Latency = TimeSpan.Zero;
    }

    /// <summary>The inputs (by place in the request) a rejection matches, and whether the error names them.</summary>
    internal (int[] Places, bool Name) Rejected(IReadOnlyList<string?> inputs)
    {
        lock (_gate)
        {
            var matched = _rejected.Where(r => inputs.Any(i => i?.Contains(r.Marker, StringComparison.Ordinal) == true)).ToArray();
            var places = Enumerable.Range(0, inputs.Count).Where(i => matched.Any(r => inputs[i]?.Contains(r.Marker, StringComparison.Ordinal) == true)).ToArray();
            return (places, matched.All(r => r.Name));
        }
    }

    internal ScheduledFault? TakeNext()
    {
        lock (_gate)
        {
            return _queue.TryDequeue(out var fault) ? fault : null;
        }
    }

    private void Enqueue(int count, ScheduledFault fault)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        lock (_gate)
        {
            for (var i = 0; i < count; i++)
            {
                _queue.Enqueue(fault);
            }
        }
    }
}
