namespace JinaClip.Testing.Emulator;

/// <summary>
/// The emulator's own statement of the API's per-model rules, written from the API's OpenAPI document (one request
/// schema per model, a union keyed on <c>model</c>; every schema forbids extra fields) and kept apart from the
/// client's table on purpose: a test compares the two, so a wrong entry in either is caught rather than agreed with.
/// Native sizes are the models' documented output sizes; the 512-input limit of jina-embeddings-v4 is the one the API
/// reports in its 422.
/// </summary>
internal static class ApiModels
{
    private const string Task = "task";
    private const string Dimensions = "dimensions";
    private const string Normalized = "normalized";
    private const string LateChunking = "late_chunking";
    private const string Truncate = "truncate";

    private static readonly ApiModel[] All =
    [
        // ClipV1Request: normalized, truncate; text and image documents.
        new("jina-clip-v1", 768, 0, [Normalized, Truncate], [], acceptsImages: true),

        // ClipV2Request: dimensions ≤ 1024, task const "retrieval.query".
        new("jina-clip-v2", 1024, 1024, [Task, Dimensions, Normalized, Truncate], ["retrieval.query"], acceptsImages: true),

        // EmbeddingsV2Request: one schema, a model enum of five.
        V2("jina-embeddings-v2-base-en"),
        V2("jina-embeddings-v2-base-zh"),
        V2("jina-embeddings-v2-base-de"),
        V2("jina-embeddings-v2-base-es"),
        V2("jina-embeddings-v2-base-code"),

        // EmbeddingsV3Request: dimensions ≤ 1024, late_chunking.
        new("jina-embeddings-v3", 1024, 1024, [Task, Dimensions, Normalized, LateChunking, Truncate],
            ["retrieval.query", "retrieval.passage", "text-matching", "classification", "separation"], acceptsImages: false),

        // EmbeddingsV4Request: dimensions ≤ 2048, no normalized; images; return_multivector is not emulated.
        new("jina-embeddings-v4", 2048, 2048, [Task, Dimensions, LateChunking, Truncate],
            ["text-matching", "retrieval.query", "retrieval.passage", "code.query", "code.passage"], acceptsImages: true, maxInputs: 512),

        // EmbeddingsV5Request: a model enum of two, dimensions ≤ 1024, no late_chunking.
        V5("jina-embeddings-v5-text-nano", 768),
        V5("jina-embeddings-v5-text-small", 1024),

        // CodeEmbeddings500MRequest / CodeEmbeddings1500MRequest: no normalized.
        Code("jina-code-embeddings-0.5b", 896),
        Code("jina-code-embeddings-1.5b", 1536),
    ];

    private static readonly Dictionary<string, ApiModel> ByName = All.ToDictionary(m => m.Name, StringComparer.Ordinal);

    /// <summary>Gets every model the emulated endpoint serves.</summary>
    public static IReadOnlyList<ApiModel> Supported => All;

    public static ApiModel? Find(string name) => ByName.TryGetValue(name, out var model) ? model : null;

    private static ApiModel V2(string name) => new(name, 768, 0, [Normalized, Truncate], [], acceptsImages: false);

    private static ApiModel V5(string name, int native) => new(name, native, 1024, [Task, Dimensions, Normalized, Truncate],
        ["retrieval.query", "retrieval.passage", "text-matching", "clustering", "classification"], acceptsImages: false);

    private static ApiModel Code(string name, int native) => new(name, native, native, [Task, Dimensions, Truncate],
        ["nl2code.query", "nl2code.passage", "qa.query", "qa.passage", "code2code.query", "code2code.passage",
         "code2nl.query", "code2nl.passage", "code2completion.query", "code2completion.passage"], acceptsImages: false);
}
