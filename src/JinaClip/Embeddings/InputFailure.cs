namespace JinaClip;

/// <summary>
/// An input a call with <see cref="EmbeddingOptions.SkipBadInputs"/> left out, and why: it was missing, empty,
/// unreadable, not a recognised image, over a limit or refused by the image preprocessor (and never sent), or the API
/// rejected it (after the SDK isolated it from the rest of its batch). Built by the SDK; see
/// <see cref="JinaClipModelFactory"/> for tests.
/// </summary>
public sealed class InputFailure
{
    internal InputFailure(int index, Exception exception, bool rejectedByServer)
    {
        Index = index;
        Exception = exception;
        RejectedByServer = rejectedByServer;
    }

    /// <summary>Gets the input's position in the call (in the caller's list or stream).</summary>
    public int Index { get; }

    /// <summary>Gets why it failed, in a sentence that names the input (without the " (Parameter 'inputs')" an argument exception appends).</summary>
    public string Reason => Exception is ArgumentException { ParamName: { } name } argument
        ? argument.Message.Replace($" (Parameter '{name}')", string.Empty)
        : Exception.Message;

    /// <summary>Gets the exception the input would have thrown without <see cref="EmbeddingOptions.SkipBadInputs"/>.</summary>
    public Exception Exception { get; }

    /// <summary>Gets whether the API rejected it (<see langword="false"/>: the SDK refused it before sending anything).</summary>
    public bool RejectedByServer { get; }

    /// <summary>Formats the failure.</summary>
    /// <returns>The position and the reason.</returns>
    public override string ToString() => $"Input {Index}: {Reason}";
}
