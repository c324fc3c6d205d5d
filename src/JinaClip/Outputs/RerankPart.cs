namespace JinaClip;

/// <summary>The checked answer to one rerank request: its documents best first, indices still the request's own.</summary>
internal sealed record RerankPart(RankedDocument[] Documents, string Model, long? TotalTokens);
