namespace JinaClip;

/// <summary>
/// Tokens a call was billed for, as the API reported them (summed over a call's requests). Any count may be missing
/// from a response. Built by the SDK; see <see cref="JinaClipModelFactory"/> for tests.
/// </summary>
public sealed class EmbeddingUsage : IEquatable<EmbeddingUsage>
{
    internal EmbeddingUsage(long? totalTokens, long? promptTokens = null, long? imageTokens = null)
    {
        TotalTokens = totalTokens;
        PromptTokens = promptTokens;
        ImageTokens = imageTokens;
    }

    /// <summary>Gets usage with no counts.</summary>
    public static EmbeddingUsage Empty { get; } = new(null);

    /// <summary>Gets <c>usage.total_tokens</c>: every token billed.</summary>
    public long? TotalTokens { get; }

    /// <summary>Gets <c>usage.prompt_tokens</c>.</summary>
    public long? PromptTokens { get; }

    /// <summary>Gets <c>usage.image_tokens</c>: the tokens from image inputs.</summary>
    public long? ImageTokens { get; }

    /// <inheritdoc/>
    public bool Equals(EmbeddingUsage? other) =>
        other is not null && TotalTokens == other.TotalTokens && PromptTokens == other.PromptTokens && ImageTokens == other.ImageTokens;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as EmbeddingUsage);

    /// <inheritdoc/>
    public override int GetHashCode() => (TotalTokens.GetHashCode() * 31 * 31) ^ (PromptTokens.GetHashCode() * 31) ^ ImageTokens.GetHashCode();

    /// <summary>Formats the counts.</summary>
    /// <returns>The counts, e.g. <c>EmbeddingUsage { TotalTokens = 12, PromptTokens = 12, ImageTokens = }</c>.</returns>
    public override string ToString() => $"EmbeddingUsage {{ TotalTokens = {TotalTokens}, PromptTokens = {PromptTokens}, ImageTokens = {ImageTokens} }}";
}
