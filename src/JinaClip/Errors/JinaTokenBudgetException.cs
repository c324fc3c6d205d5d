namespace JinaClip;

/// <summary>
/// A call was estimated to spend more tokens than <see cref="JinaClientOptions.MaxEstimatedTokensPerCall"/> allows;
/// nothing was sent.
/// </summary>
public sealed class JinaTokenBudgetException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="estimate">The call's estimate.</param>
    /// <param name="limit">The budget it exceeded.</param>
    public JinaTokenBudgetException(TokenEstimate estimate, long limit)
        : base(Describe(estimate, limit))
    {
        ArgumentNullException.ThrowIfNull(estimate);
        Estimate = estimate;
        Limit = limit;
    }

    /// <summary>Gets the call's estimate, with its per-input breakdown.</summary>
    public TokenEstimate Estimate { get; }

    /// <summary>Gets the budget the estimate exceeded.</summary>
    public long Limit { get; }

    private static string Describe(TokenEstimate estimate, long limit)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        var largest = estimate.Inputs.OrderByDescending(i => i.Tokens).FirstOrDefault();
        return $"The call is estimated at {estimate.TotalTokens:N0} tokens, over the budget of {limit:N0} (JinaClientOptions.MaxEstimatedTokensPerCall); nothing was sent." +
            (largest is { Image: { } image } ? $" The largest input is image {largest.Index} ({image.Width}×{image.Height}, {largest.Tiles} tiles, {largest.Tokens:N0} tokens)." : string.Empty);
    }
}
