namespace JinaClip.Testing.Emulator;

/// <summary>A valid rerank request, as the emulator parsed it.</summary>
internal sealed record RerankRequest(
    ApiReranker Model, string Query, IReadOnlyList<ParsedInput> Documents, IReadOnlyList<string> Raw, int? TopN, bool ReturnDocuments, bool ReturnEmbeddings);
