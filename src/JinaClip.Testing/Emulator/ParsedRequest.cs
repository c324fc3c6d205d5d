using JinaClip.Models;

namespace JinaClip.Testing.Emulator;

/// <summary>A request that passed validation.</summary>
internal sealed record ParsedRequest(
    ModelSpec Model,
    IReadOnlyList<ParsedInput> Inputs,
    EmbeddingType Type,
    int Dimensions,
    bool Normalized);
