namespace JinaClip.Wire;

/// <summary>A checked answer, with what the logs and spans report of it.</summary>
/// <param name="Value">The typed result (a <see cref="JinaEmbeddingCollection"/>, a rerank result, …).</param>
/// <param name="Model">The model the server says answered.</param>
/// <param name="Count">How many items (embeddings, results) it holds.</param>
/// <param name="InputTokens">The input tokens it reports, if any.</param>
/// <param name="TotalTokens">The total tokens it reports, if any.</param>
internal readonly record struct ApiResult(object Value, string Model, int Count, long? InputTokens, long? TotalTokens);
