namespace JinaClip.Models;

/// <summary>
/// The one model table: a record per embeddings model and per reranker, carried from the API's OpenAPI document (2026
/// schema, a union keyed on <c>model</c>). The server answers 422 to a field a model does not accept, so requests are
/// checked here first; the estimators, the planner, the rerank client and <c>JinaClip.Imaging</c> read it too. Adding a
/// model is a change to this file (plus its name in <see cref="JinaModels"/>).
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

    /// <summary>The <c>max_doc_length</c> range of jina-reranker-v3.</summary>
    public const int MaxDocLength = 8192;

    // Image rules. jina-clip-v1: 224-px tiles × 1,000 tokens (the model's launch post: 750×500 → 4×3 = 12 tiles = 12,000
    // tokens), the shortest side to 224 as its preprocessing does. jina-clip-v2: 512-px tiles × 4,000 tokens (an
    // assumption from third-party summaries), shortest side 512. jina-embeddings-v4: 28-px patches × 10 tokens (an
    // assumption from one third-party guide), resized within a pixel budget in 28-px patches (Qwen2.5-VL's rule).
    private static readonly ModelImageInput ClipV1Image = new(ImageResizeRule.ShortestSide, side: 224, patchSize: 0, tileSize: 224, tokensPerTile: 1000);
    private static readonly ModelImageInput ClipV2Image = new(ImageResizeRule.ShortestSide, side: 512, patchSize: 0, tileSize: 512, tokensPerTile: 4000);
    private static readonly ModelImageInput V4Image = new(ImageResizeRule.PixelBudget, side: 0, patchSize: 28, tileSize: 28, tokensPerTile: 10);

    // POST /v1/classify and /v1/train, by the request schema each model selects: only ClipZeroShotClassificationRequest
    // takes images to classify; EmbeddingsV4ZeroShotClassificationRequest is text only (its tag text says multimodal:
    // the schema wins); images train jina-clip-v1/-v2 and jina-embeddings-v4; the code models classify but do not train.
    private const ModelClassification ClassifyText = ModelClassification.ZeroShotText | ModelClassification.TrainText;
    private const ModelClassification ClassifyClip = ClassifyText | ModelClassification.ZeroShotImages | ModelClassification.TrainImages;
    private const ModelClassification ClassifyV4 = ClassifyText | ModelClassification.TrainImages;

    /// <summary>The most inputs one <c>POST /v1/classify</c> request holds (every schema: "a list of up to 512 items").</summary>
    public const int MaxClassifyInputs = 512;

    /// <summary>
    /// The most plain labels of one zero-shot request. The schemas say 512; the endpoint's tag text says "up to 256
    /// classes". The schema is the authority, so 512 is checked (and <c>ValidateRequests = false</c> lifts it).
    /// </summary>
    public const int MaxLabels = 512;

    /// <summary>The most named label groups of one zero-shot request.</summary>
    public const int MaxLabelGroups = 8;

    /// <summary>The most labels in one named group.</summary>
    public const int MaxLabelsPerGroup = 64;

    /// <summary>The fewest examples a new classifier is trained on (and at least two distinct labels).</summary>
    public const int MinTrainingExamples = 2;

    /// <summary>The most examples of one <c>POST /v1/train</c> request.</summary>
    public const int MaxTrainingExamples = 512;

    private static readonly Dictionary<string, ModelSpec> Specs = Build(
        new ModelSpec(JinaModels.ClipV1, 768, 0, ClipV1Fields, NoTasks, AcceptsImages: true, Image: ClipV1Image, Classification: ClassifyClip),
        new ModelSpec(JinaModels.ClipV2, 1024, 1024, ClipV2Fields, ClipV2Tasks, AcceptsImages: true, Image: ClipV2Image, Classification: ClassifyClip),
        new ModelSpec(JinaModels.EmbeddingsV2BaseEn, 768, 0, V2Fields, NoTasks, AcceptsImages: false, Classification: ClassifyText),
        new ModelSpec(JinaModels.EmbeddingsV2BaseZh, 768, 0, V2Fields, NoTasks, AcceptsImages: false, Classification: ClassifyText),
        new ModelSpec(JinaModels.EmbeddingsV2BaseDe, 768, 0, V2Fields, NoTasks, AcceptsImages: false, Classification: ClassifyText),
        new ModelSpec(JinaModels.EmbeddingsV2BaseEs, 768, 0, V2Fields, NoTasks, AcceptsImages: false, Classification: ClassifyText),
        new ModelSpec(JinaModels.EmbeddingsV2BaseCode, 768, 0, V2Fields, NoTasks, AcceptsImages: false, Classification: ClassifyText),
        new ModelSpec(JinaModels.EmbeddingsV3, 1024, 1024, V3Fields, V3Tasks, AcceptsImages: false, Classification: ClassifyText),
        new ModelSpec(JinaModels.EmbeddingsV4, 2048, 2048, V4Fields, V4Tasks, AcceptsImages: true, MaxInputs: 512, Image: V4Image, Classification: ClassifyV4),
        new ModelSpec(JinaModels.EmbeddingsV5TextNano, 768, 1024, V5Fields, V5Tasks, AcceptsImages: false, Classification: ClassifyText),
        new ModelSpec(JinaModels.EmbeddingsV5TextSmall, 1024, 1024, V5Fields, V5Tasks, AcceptsImages: false, Classification: ClassifyText),
        new ModelSpec(JinaModels.CodeEmbeddings500M, 896, 896, CodeFields, CodeTasks, AcceptsImages: false, Classification: ModelClassification.ZeroShotText),
        new ModelSpec(JinaModels.CodeEmbeddings1500M, 1536, 1536, CodeFields, CodeTasks, AcceptsImages: false, Classification: ModelClassification.ZeroShotText),
        Unsupported("jina-colbert-v1-en", "it returns one vector per token (multi-vector output)"),
        Unsupported("jina-colbert-v2", "it returns one vector per token (multi-vector output)"),
        Unsupported("elser-v2", "it returns sparse token weights, not dense vectors"));

    // The rerankers, by the three request schemas of POST /v1/rerank: TextRerankerRequest (v1, v2, ColBERT),
    // RerankerV3Request (listwise, with max_doc_length and return_embeddings) and RerankerM0Request (texts and images).
    // Cross-encoders and late-interaction models score each (query, document) pair on its own, so a long list may be
    // split into requests and merged by score exactly; jina-reranker-v3 ranks the list jointly, so it is never split.
    private static readonly Dictionary<string, RerankerSpec> Rerankers = new RerankerSpec[]
    {
        new(JinaModels.RerankerV2BaseMultilingual, Listwise: false, Images: false, V3Fields: false),
        new(JinaModels.RerankerV1BaseEn, Listwise: false, Images: false, V3Fields: false),
        new(JinaModels.RerankerV1TurboEn, Listwise: false, Images: false, V3Fields: false),
        new(JinaModels.RerankerV1TinyEn, Listwise: false, Images: false, V3Fields: false),
        new(JinaModels.ColbertV1En, Listwise: false, Images: false, V3Fields: false),
        new(JinaModels.ColbertV2, Listwise: false, Images: false, V3Fields: false),
        new(JinaModels.RerankerV3, Listwise: true, Images: false, V3Fields: true),
        new(JinaModels.RerankerM0, Listwise: false, Images: true, V3Fields: false),
    }.ToDictionary(r => r.Name, StringComparer.Ordinal);

    /// <summary>Gets every reranker the SDK knows.</summary>
    public static IEnumerable<RerankerSpec> AllRerankers => Rerankers.Values;

    /// <summary>Gets the reranker's record, or <see langword="null"/> for a model the SDK does not know.</summary>
    public static RerankerSpec? FindReranker(string model) => Rerankers.TryGetValue(model, out var spec) ? spec : null;

    /// <summary>Every model in the table that this client can call.</summary>
    public static IEnumerable<ModelSpec> Supported => Specs.Values.Where(s => s.UnsupportedReason is null);

    /// <summary>Looks a model up by its exact wire name.</summary>
    public static ModelSpec? Find(string model) => Specs.TryGetValue(model, out var spec) ? spec : null;

    private static ModelSpec Unsupported(string name, string reason) =>
        new(name, 0, 0, ModelField.None, NoTasks, AcceptsImages: false, reason);

    private static Dictionary<string, ModelSpec> Build(params ModelSpec[] specs) =>
        specs.ToDictionary(s => s.Name, StringComparer.Ordinal);
}
