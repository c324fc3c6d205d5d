namespace JinaClip;

/// <summary>The checked answer to one classify request: a classification per input, indices already the call's own.</summary>
internal sealed record ClassificationPart(ClassifiedInput[] Items, string Model, long? TotalTokens);
