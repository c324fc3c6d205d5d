namespace JinaClip.Models;

/// <summary>
/// The per-model capability table, carried from the API's OpenAPI document (2026 schema, a union keyed on
/// <c>model</c>). The server answers 422 to a field a model does not accept, so requests are checked here first.
/// </summary>
internal static class ModelCatalog
{
    private static readonly string[] NoTasks = [];

    private static readonly string[] V3Tasks =
        [JinaTasks.RetrievalQuery, JinaTasks.RetrievalPassage, JinaTasks.TextMatching, JinaTasks.Classification, JinaTasks.Separation];

    private static readonly string[] V4Tasks =
        [JinaTasks.TextMatching, JinaTasks.RetrievalQuery, JinaTasks.RetrievalPassage, JinaTasks.CodeQuery, JinaTasks.CodePassage];

    private static readonly string[] V5Tasks =
        [JinaTasks.RetrievalQuery, JinaTasks.RetrievalPassage, JinaTasks.TextMatching, JinaTasks.Clustering, JinaTasks.Classification];

    private static readonly string[] ClipV2Tasks = [JinaTasks.RetrievalQuery];

    private static readonly string[] CodeTasks =
    [
        "nl2code.query", "nl2code.passage", "qa.query", "qa.passage", "code2code.query", "code2code.passage",
        "code2nl.query", "code2nl.passage", "code2completion.query", "code2completion.passage",
    ];

    private const ModelField V2Fields = ModelField.Normalized | ModelField.Truncate;
    private const ModelField V3Fields = ModelField.Task | ModelField.Dimensions | ModelField.Normalized | ModelField.LateChunking | ModelField.Truncate;
    private const ModelField V4Fields = ModelField.Task | ModelField.Dimensions | ModelField.LateChunking | ModelField.Truncate;
    private const ModelField V5Fields = ModelField.Task | ModelField.Dimensions | ModelField.Normalized | ModelField.Truncate;
    private const ModelField ClipV1Fields = ModelField.Normalized | ModelField.Truncate;
    private const ModelField ClipV2Fields = ModelField.Task | ModelField.Dimensions | ModelField.Normalized | ModelField.Truncate;
    private const ModelField CodeFields = ModelField.Task | ModelField.Dimensions | ModelField.Truncate;

    private static readonly Dictionary<string, ModelSpec> Specs = Build(
        new ModelSpec(JinaModels.ClipV1, 768, 0, ClipV1Fields, NoTasks, AcceptsImages: true),
        new ModelSpec(JinaModels.ClipV2, 1024, 1024, ClipV2Fields, ClipV2Tasks, AcceptsImages: true),
        new ModelSpec(JinaModels.EmbeddingsV2BaseEn, 768, 0, V2Fields, NoTasks, AcceptsImages: false),
        new ModelSpec(JinaModels.EmbeddingsV2BaseZh, 768, 0, V2Fields, NoTasks, AcceptsImages: false),
        new ModelSpec(JinaModels.EmbeddingsV2BaseDe, 768, 0, V2Fields, NoTasks, AcceptsImages: false),
        new ModelSpec(JinaModels.EmbeddingsV2BaseEs, 768, 0, V2Fields, NoTasks, AcceptsImages: false),
        new ModelSpec(JinaModels.EmbeddingsV2BaseCode, 768, 0, V2Fields, NoTasks, AcceptsImages: false),
        new ModelSpec(JinaModels.EmbeddingsV3, 1024, 1024, V3Fields, V3Tasks, AcceptsImages: false),
        new ModelSpec(JinaModels.EmbeddingsV4, 2048, 2048, V4Fields, V4Tasks, AcceptsImages: true, MaxInputs: 512),
        new ModelSpec(JinaModels.EmbeddingsV5TextNano, 768, 1024, V5Fields, V5Tasks, AcceptsImages: false),
        new ModelSpec(JinaModels.EmbeddingsV5TextSmall, 1024, 1024, V5Fields, V5Tasks, AcceptsImages: false),
        new ModelSpec(JinaModels.CodeEmbeddings500M, 896, 896, CodeFields, CodeTasks, AcceptsImages: false),
        new ModelSpec(JinaModels.CodeEmbeddings1500M, 1536, 1536, CodeFields, CodeTasks, AcceptsImages: false),
        Unsupported("jina-colbert-v1-en", "it returns one vector per token (multi-vector output)"),
        Unsupported("jina-colbert-v2", "it returns one vector per token (multi-vector output)"),
        Unsupported("elser-v2", "it returns sparse token weights, not dense vectors"));

    /// <summary>Every model in the table that this client can call.</summary>
    public static IEnumerable<ModelSpec> Supported => Specs.Values.Where(s => s.UnsupportedReason is null);

    /// <summary>Looks a model up by its exact wire name.</summary>
    public static ModelSpec? Find(string model) => Specs.TryGetValue(model, out var spec) ? spec : null;

    private static ModelSpec Unsupported(string name, string reason) =>
        new(name, 0, 0, ModelField.None, NoTasks, AcceptsImages: false, reason);

    private static Dictionary<string, ModelSpec> Build(params ModelSpec[] specs) =>
        specs.ToDictionary(s => s.Name, StringComparer.Ordinal);
}
