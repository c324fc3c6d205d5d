namespace JinaClip.Pipeline;

/// <summary>Gives each attempt at most <see cref="JinaClientOptions.NetworkTimeout"/>; past it the attempt fails with <see cref="TimeoutException"/>.</summary>
internal sealed class AttemptTimeoutStage : RequestStage
{
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _timeProvider;

    public AttemptTimeoutStage(TimeSpan timeout, TimeProvider timeProvider)
    {
        _timeout = timeout;
        _timeProvider = timeProvider;
    }

    public override async ValueTask ProcessAsync(PipelineMessage message, ReadOnlyMemory<RequestStage> next)
    {
        if (_timeout == Timeout.InfiniteTimeSpan)
        {
            await ProceedAsync(message, next).ConfigureAwait(false);
            return;
        }

        var outer = message.CancellationToken;
#if NET
        using var timeout = new CancellationTokenSource(_timeout, _timeProvider);
#else
        using var timeout = _timeProvider.CreateCancellationTokenSource(_timeout);
#endif
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(outer, timeout.Token);
        message.CancellationToken = linked.Token;
        try
        {
            await ProceedAsync(message, next).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !outer.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"The request to {message.Endpoint} did not complete within {_timeout.TotalSeconds:0.###} s (JinaClientOptions.NetworkTimeout).", ex);
        }
        finally
        {
            message.CancellationToken = outer;
        }
    }
}
