namespace JinaClip;

/// <summary>The estimated cost of a request: a breakdown per input and the total. An estimate, not a bill.</summary>
/// <param name="Model">Gets the model the estimate is for.</param>
/// <param name="Inputs">Gets the per-input estimates, in input order.</param>
public sealed record TokenEstimate(string Model, IReadOnlyList<InputEstimate> Inputs)
{
    /// <summary>Gets the estimated total tokens.</summary>
    public long TotalTokens => Inputs.Sum(i => i.Tokens);

    /// <summary>Gets the estimated cost at a price per million tokens.</summary>
    /// <param name="pricePerMillionTokens">The price of 1,000,000 tokens in your currency (e.g. 0.05).</param>
    /// <returns>Total tokens × price / 1,000,000.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The price is negative.</exception>
    public decimal Cost(decimal pricePerMillionTokens)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pricePerMillionTokens);
        return TotalTokens * pricePerMillionTokens / 1_000_000m;
    }
}
