namespace JinaClip.Testing.Emulator;

/// <summary>A request that passed validation.</summary>
internal sealed record ParsedRequest(
    ApiModel Model,
    IReadOnlyList<ParsedInput> Inputs,
    EmbeddingType Type,
    int Dimensions,
    bool Normalized);
