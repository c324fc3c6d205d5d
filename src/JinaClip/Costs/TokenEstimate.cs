namespace JinaClip;

/// <summary>
/// The estimated cost of a request: a breakdown per input and the total. An estimate, not a bill. Built by
/// <see cref="TokenEstimator"/>; see <see cref="JinaClipModelFactory"/> for tests.
/// </summary>
public sealed class TokenEstimate
{
    internal TokenEstimate(string model, IReadOnlyList<InputEstimate> inputs)
    {
        Model = model;
        Inputs = inputs;
        TotalTokens = inputs.Sum(i => i.Tokens);
        OriginalTotalTokens = inputs.Sum(i => i.OriginalTokens);
    }

    /// <summary>Gets the model the estimate is for.</summary>
    public string Model { get; }

    /// <summary>Gets the per-input estimates, in input order.</summary>
    public IReadOnlyList<InputEstimate> Inputs { get; }

    /// <summary>Gets the estimated total tokens, as the inputs would be sent.</summary>
    public long TotalTokens { get; }

    /// <summary>Gets the estimated total tokens of the inputs as given (more than <see cref="TotalTokens"/> when a preprocessor shrinks images).</summary>
    public long OriginalTotalTokens { get; }

    /// <summary>Gets the tokens the image preprocessor saves: <see cref="OriginalTotalTokens"/> − <see cref="TotalTokens"/>.</summary>
    public long SavedTokens => OriginalTotalTokens - TotalTokens;

    /// <summary>Gets the estimated cost at a price per million tokens.</summary>
    /// <param name="pricePerMillionTokens">The price of 1,000,000 tokens in your currency (e.g. 0.05).</param>
    /// <returns>Total tokens × price / 1,000,000.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The price is negative.</exception>
    public decimal Cost(decimal pricePerMillionTokens)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pricePerMillionTokens);
        return TotalTokens * pricePerMillionTokens / 1_000_000m;
    }

    /// <summary>Formats the estimate.</summary>
    /// <returns>The model, the number of inputs and the total.</returns>
    public override string ToString() => $"TokenEstimate {{ Model = {Model}, Inputs = {Inputs.Count}, TotalTokens = {TotalTokens} }}";
}
