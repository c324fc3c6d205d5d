using System.Text.Json;

namespace JinaClip.Rerank;

/// <summary>A checked rerank call: the model and its rule, the documents, the fields every request writes, and how the list is split.</summary>
internal sealed class RerankPlan
{
    public required string Model { get; init; }

    public required JinaClip.Models.RerankerSpec? Rule { get; init; }

    public required string Query { get; init; }

    public required EmbeddingInput[] Documents { get; init; }

    public required RerankOptions Options { get; init; }

    public required KeyValuePair<string, JsonElement>[] AdditionalFields { get; init; }

    /// <summary>Gets the requests: consecutive ranges of <see cref="Documents"/>, one when the list fits one request.</summary>
    public required IReadOnlyList<InputRange> Requests { get; init; }
}
