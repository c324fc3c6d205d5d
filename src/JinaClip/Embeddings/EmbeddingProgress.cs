namespace JinaClip;

/// <summary>Progress of a streaming embedding job, reported after each batch. Built by the SDK; see <see cref="JinaClipModelFactory"/> for tests.</summary>
public sealed class EmbeddingProgress
{
    internal EmbeddingProgress(int inputsCompleted, long tokensUsed, int retries, IReadOnlyList<InputFailure>? failures = null)
    {
        Failures = failures ?? [];
        InputsCompleted = inputsCompleted;
        TokensUsed = tokensUsed;
        Retries = retries;
    }

    /// <summary>Gets the number of inputs embedded so far.</summary>
    public int InputsCompleted { get; }

    /// <summary>Gets the total tokens the API reported so far.</summary>
    public long TokensUsed { get; }

    /// <summary>Gets the number of requests retried so far.</summary>
    public int Retries { get; }

    /// <summary>
    /// Gets the inputs left out so far by <see cref="EmbeddingOptions.SkipBadInputs"/>, in the order found (a snapshot:
    /// later reports hold these and any more); empty without it.
    /// </summary>
    public IReadOnlyList<InputFailure> Failures { get; }

    /// <summary>Formats the progress.</summary>
    /// <returns>Inputs, tokens and retries so far.</returns>
    public override string ToString() => $"EmbeddingProgress {{ InputsCompleted = {InputsCompleted}, TokensUsed = {TokensUsed}, Retries = {Retries}, Failures = {Failures.Count} }}";
}
