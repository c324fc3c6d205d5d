namespace JinaClip.WebApi.Api;

/// <summary>What a call cost: its tokens and, where the model catalogue gives a price, the estimated dollars.</summary>
/// <param name="Tokens">The tokens the API reported, or null when it reported none.</param>
/// <param name="CostUsd">Tokens × the price per token, or null without a price.</param>
/// <param name="PricePerMillionTokensUsd">The catalogue's price per million tokens, or null when the catalogue has none.</param>
public sealed record QueryUsage(long? Tokens, decimal? CostUsd, decimal? PricePerMillionTokensUsd);
