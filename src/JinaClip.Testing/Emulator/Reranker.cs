using System.Numerics.Tensors;
using System.Text.Json;

namespace JinaClip.Testing.Emulator;

/// <summary>
/// Deterministic stand-in relevance: half the share of the query's words found in the document (for an image URL, in
/// its address), half the cosine of the emulator's stand-in vectors mapped to 0..1. The same query and document always
/// score the same, in any request, so a split list merges exactly as the real pointwise rerankers' do.
/// </summary>
internal static class Reranker
{
    /// <summary>The length of the stand-in embeddings jina-reranker-v3 returns with <c>return_embeddings</c>.</summary>
    public const int EmbeddingDimensions = 512;

    public static double Score(string model, string query, ParsedInput document)
    {
        var queryWords = Words(query);
        var documentWords = Words(document.Text ?? document.ImageUrl ?? string.Empty);
        var overlap = queryWords.Count == 0 ? 0 : queryWords.Count(documentWords.Contains) / (double)queryWords.Count;
        var q = VectorGenerator.Generate(model, new ParsedInput(false, query, null, null), 768, 768, normalized: true);
        var d = VectorGenerator.Generate(model, document, 768, 768, normalized: true);
        var cosine = TensorPrimitives.CosineSimilarity(q, d);
        return Math.Round((0.5 * overlap) + (0.25 * (1 + cosine)), 6);
    }

    public static int Tokens(string model, string query, ParsedInput document) =>
        TokenCounter.Text(query) + (document.IsImage ? TokenCounter.Image(model, document.ImageBytes) : TokenCounter.Text(document.Text!));

    public static byte[] Write(RerankRequest request, IReadOnlyList<(int Index, double Score)> ranked, int totalTokens)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("model", request.Model.Name);
            writer.WriteString("object", "list");
            writer.WriteStartObject("usage");
            writer.WriteNumber("total_tokens", totalTokens);
            writer.WriteEndObject();
            writer.WriteStartArray("results");
            foreach (var (index, score) in ranked)
            {
                writer.WriteStartObject();
                writer.WriteNumber("index", index);
                writer.WriteNumber("relevance_score", score);
                if (request.ReturnDocuments)
                {
                    writer.WriteStartObject("document");
                    writer.WriteString(request.Documents[index].IsImage ? "image" : "text", request.Raw[index]);
                    writer.WriteEndObject();
                }

                if (request.ReturnEmbeddings)
                {
                    writer.WriteStartArray("embedding");
                    foreach (var value in VectorGenerator.Generate(request.Model.Name, request.Documents[index], EmbeddingDimensions, EmbeddingDimensions, normalized: true))
                    {
                        writer.WriteNumberValue(value);
                    }

                    writer.WriteEndArray();
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static HashSet<string> Words(string text)
    {
        var words = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var letter = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (letter && start < 0)
            {
                start = i;
            }
            else if (!letter && start >= 0)
            {
                words.Add(text[start..i]);
                start = -1;
            }
        }

        return words;
    }
}
