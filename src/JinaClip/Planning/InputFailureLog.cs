namespace JinaClip.Planning;

/// <summary>
/// The inputs one call with <see cref="EmbeddingOptions.SkipBadInputs"/> left out so far, from planning, preparation and
/// the server, in the order found; thread-safe (batches prepare and send concurrently).
/// </summary>
internal sealed class InputFailureLog
{
    private readonly List<InputFailure> _failures = [];

    public int Count
    {
        get
        {
            lock (_failures)
            {
                return _failures.Count;
            }
        }
    }

    public void Add(int index, Exception exception, bool rejectedByServer = false)
    {
        lock (_failures)
        {
            _failures.Add(new InputFailure(index, exception, rejectedByServer));
        }
    }

    /// <summary>Gets the failures so far, as a copy.</summary>
    public InputFailure[] Snapshot()
    {
        lock (_failures)
        {
            return [.. _failures];
        }
    }

    /// <summary>Whether an exception from checking or preparing one input is that input's fault (and so may be skipped).</summary>
    public static bool IsInputFault(Exception exception) =>
        exception is ArgumentException or IOException or InvalidDataException or UnauthorizedAccessException or JinaImageHeaderException
            or HttpRequestException or TimeoutException;
}
