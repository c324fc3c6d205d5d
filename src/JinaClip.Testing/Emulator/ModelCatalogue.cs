using System.Text.Json;

namespace JinaClip.Testing.Emulator;

/// <summary>
/// The emulator's fixture of <c>GET /v1/models</c> and <c>GET /v1/models/{id}</c>, in the API's <c>ModelInfo</c> shape:
/// every model the emulator serves (<see cref="ApiModels"/>, <see cref="ApiReranker"/>), with illustrative context
/// lengths and the OpenAPI document's example price ($0.05 per million tokens) for all. It shows the shape and lets
/// offline code and tests run; it is not Jina's live price list. No key is needed, as in the API's document.
/// </summary>
internal static class ModelCatalogue
{
    /// <summary>The price per token every fixture entry carries: the OpenAPI example's "0.00000005".</summary>
    public const string PromptPrice = "0.00000005";

    private const string Prefix = "/v1/models";

    private static readonly Dictionary<string, int> ContextLengths = new(StringComparer.Ordinal)
    {
        ["jina-embeddings-v4"] = 32768,
        ["jina-embeddings-v5-text-small"] = 32768,
        ["jina-reranker-v2-base-multilingual"] = 1024,
        ["jina-reranker-m0"] = 10240,
        ["jina-reranker-v3"] = 131072,
    };

    public static bool Handles(string path) =>
        string.Equals(path, Prefix, StringComparison.Ordinal) || path.StartsWith(Prefix + "/", StringComparison.Ordinal);

    public static EmulatorResponse Answer(string path, string requestId)
    {
        if (string.Equals(path, Prefix, StringComparison.Ordinal))
        {
            return new EmulatorResponse(200, Write(writer =>
            {
                writer.WriteStartObject();
                writer.WriteStartArray("data");
                foreach (var entry in Entries())
                {
                    WriteEntry(writer, entry);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }));
        }

        var id = Uri.UnescapeDataString(path[(Prefix.Length + 1)..]);
        var shortId = id.StartsWith("jina-ai/", StringComparison.Ordinal) ? id["jina-ai/".Length..] : id;
        var found = Entries().FirstOrDefault(e => e.Name == shortId);
        return found is null
            ? new EmulatorResponse(404, ErrorBodies.Error($"Model '{id}' not found", "RESOURCE_NOT_FOUND", requestId))
            : new EmulatorResponse(200, Write(writer => WriteEntry(writer, found)));
    }

    private static IEnumerable<Entry> Entries()
    {
        foreach (var model in ApiModels.Supported)
        {
            yield return new Entry(model.Name, model.AcceptsImages ? ["text", "image"] : ["text"], ["embeddings"], Math.Max(model.NativeDimensions, model.MaxDimensions));
        }

        foreach (var reranker in ApiReranker.All)
        {
            yield return new Entry(reranker.Name, reranker.Images ? ["text", "image"] : ["text"], ["text"], reranker.V3Fields ? Reranker.EmbeddingDimensions : 0);
        }
    }

    private static void WriteEntry(Utf8JsonWriter writer, Entry entry)
    {
        writer.WriteStartObject();
        writer.WriteString("id", $"jina-ai/{entry.Name}");
        writer.WriteString("hugging_face_id", $"jinaai/{entry.Name}");
        writer.WriteString("name", $"Jina AI: {entry.Name}");
        writer.WriteNumber("created", 1725840000);
        WriteStrings(writer, "input_modalities", entry.Inputs);
        WriteStrings(writer, "output_modalities", entry.Outputs);
        writer.WriteString("quantization", string.Empty);
        writer.WriteNumber("context_length", ContextLengths.TryGetValue(entry.Name, out var context) ? context : 8192);
        writer.WriteNumber("max_output_length", entry.MaxOutput);
        writer.WriteStartObject("pricing");
        writer.WriteString("prompt", PromptPrice);
        writer.WriteString("completion", "0");
        writer.WriteString("image", "0");
        writer.WriteString("request", "0");
        writer.WriteString("input_cache_read", "0");
        writer.WriteString("input_cache_write", "0");
        writer.WriteEndObject();
        WriteStrings(writer, "supported_features", []);
        WriteStrings(writer, "supported_sampling_parameters", []);
        writer.WriteString("description", $"{entry.Name} (the JinaClip emulator's fixture entry).");
        writer.WriteStartArray("datacenters");
        writer.WriteStartObject();
        writer.WriteString("country_code", "US");
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, string[] values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static byte[] Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return buffer.ToArray();
    }

    private sealed record Entry(string Name, string[] Inputs, string[] Outputs, int MaxOutput);
}
