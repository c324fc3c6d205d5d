namespace JinaClip;

/// <summary>Tokens a call was billed for, as the API reported them. Any count may be missing from a response.</summary>
/// <param name="TotalTokens">Gets <c>usage.total_tokens</c>: every token billed.</param>
/// <param name="PromptTokens">Gets <c>usage.prompt_tokens</c>.</param>
/// <param name="ImageTokens">Gets <c>usage.image_tokens</c>: the tokens from image inputs.</param>
public sealed record EmbeddingUsage(int? TotalTokens, int? PromptTokens = null, int? ImageTokens = null)
{
    /// <summary>Gets usage with no counts.</summary>
    public static EmbeddingUsage Empty { get; } = new((int?)null);
}
