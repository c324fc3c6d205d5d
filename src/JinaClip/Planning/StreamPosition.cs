namespace JinaClip.Planning;

/// <summary>How far a stream call has read its source: every input read is accounted for by its position.</summary>
internal sealed class StreamPosition
{
    /// <summary>Gets or sets the number of inputs read from the source so far.</summary>
    public int Read { get; set; }
}
