namespace JinaClip.Planning;

/// <summary>How far a stream call has read its source: every input read is accounted for by its position.</summary>
internal sealed class StreamPosition
{
    /// <summary>Gets or sets the number of inputs read from the source so far.</summary>
    public int Read { get; set; }

    /// <summary>Gets or sets the number of inputs handed on in batches; those between it and <see cref="Read"/> were read but not sent.</summary>
    public int Planned { get; set; }

    /// <summary>Gets the inputs left out (with <see cref="CallPlan.SkipBadInputs"/>) so far.</summary>
    public InputFailureLog Failures { get; } = new();

    /// <summary>Gets the inputs read from the source but not handed on in a batch (at most one range).</summary>
    public IReadOnlyList<InputRange> Unsent => Read > Planned ? [new InputRange(Planned, Read - Planned)] : [];
}
