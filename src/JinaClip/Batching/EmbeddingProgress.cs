namespace JinaClip;

/// <summary>Progress of a streaming embedding job, reported after each batch.</summary>
/// <param name="InputsCompleted">Gets the number of inputs embedded so far.</param>
/// <param name="TokensUsed">Gets the total tokens the API reported so far.</param>
/// <param name="Retries">Gets the number of requests retried so far.</param>
public sealed record EmbeddingProgress(int InputsCompleted, long TokensUsed, int Retries);
