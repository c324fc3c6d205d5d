namespace JinaClip;

/// <summary>
/// Names of the models served by <c>POST /v1/embeddings</c>. Any other string is accepted too:
/// a model this SDK does not know is sent as given, with the options the caller set.
/// </summary>
public static class JinaModels
{
    /// <summary>jina-clip-v1: English text and images in one 768-dimensional space.</summary>
    public const string ClipV1 = "jina-clip-v1";

    /// <summary>jina-clip-v2: multilingual text and images, 1024 dimensions, Matryoshka truncation.</summary>
    public const string ClipV2 = "jina-clip-v2";

    /// <summary>jina-embeddings-v2-base-en: English text, 768 dimensions.</summary>
    public const string EmbeddingsV2BaseEn = "jina-embeddings-v2-base-en";

    /// <summary>jina-embeddings-v2-base-zh: Chinese and English text, 768 dimensions.</summary>
    public const string EmbeddingsV2BaseZh = "jina-embeddings-v2-base-zh";

    /// <summary>jina-embeddings-v2-base-de: German and English text, 768 dimensions.</summary>
    public const string EmbeddingsV2BaseDe = "jina-embeddings-v2-base-de";

    /// <summary>jina-embeddings-v2-base-es: Spanish and English text, 768 dimensions.</summary>
    public const string EmbeddingsV2BaseEs = "jina-embeddings-v2-base-es";

    /// <summary>jina-embeddings-v2-base-code: source code and English text, 768 dimensions.</summary>
    public const string EmbeddingsV2BaseCode = "jina-embeddings-v2-base-code";

    /// <summary>jina-embeddings-v3: multilingual text with tasks and late chunking, 1024 dimensions.</summary>
    public const string EmbeddingsV3 = "jina-embeddings-v3";

    /// <summary>jina-embeddings-v4: text and images, 2048 dimensions.</summary>
    public const string EmbeddingsV4 = "jina-embeddings-v4";

    /// <summary>jina-embeddings-v5-text-nano: text, 768 dimensions.</summary>
    public const string EmbeddingsV5TextNano = "jina-embeddings-v5-text-nano";

    /// <summary>jina-embeddings-v5-text-small: text, 1024 dimensions.</summary>
    public const string EmbeddingsV5TextSmall = "jina-embeddings-v5-text-small";

    /// <summary>jina-code-embeddings-0.5b: code retrieval, 896 dimensions.</summary>
    public const string CodeEmbeddings500M = "jina-code-embeddings-0.5b";

    /// <summary>jina-code-embeddings-1.5b: code retrieval, 1536 dimensions.</summary>
    public const string CodeEmbeddings1500M = "jina-code-embeddings-1.5b";

    /// <summary>jina-reranker-m0: multimodal reranker; documents may be texts or images. Scores each document on its own.</summary>
    public const string RerankerM0 = "jina-reranker-m0";

    /// <summary>jina-reranker-v3: multilingual listwise reranker (ranks the documents jointly), with <c>max_doc_length</c> and <c>return_embeddings</c>.</summary>
    public const string RerankerV3 = "jina-reranker-v3";

    /// <summary>jina-reranker-v2-base-multilingual: multilingual text reranker (the default reranker). Scores each document on its own.</summary>
    public const string RerankerV2BaseMultilingual = "jina-reranker-v2-base-multilingual";

    /// <summary>jina-reranker-v1-base-en: English text reranker.</summary>
    public const string RerankerV1BaseEn = "jina-reranker-v1-base-en";

    /// <summary>jina-reranker-v1-turbo-en: English text reranker, faster.</summary>
    public const string RerankerV1TurboEn = "jina-reranker-v1-turbo-en";

    /// <summary>jina-reranker-v1-tiny-en: English text reranker, smallest.</summary>
    public const string RerankerV1TinyEn = "jina-reranker-v1-tiny-en";

    /// <summary>jina-colbert-v1-en: English late-interaction model, used here as a text reranker.</summary>
    public const string ColbertV1En = "jina-colbert-v1-en";

    /// <summary>jina-colbert-v2: multilingual late-interaction model, used here as a text reranker.</summary>
    public const string ColbertV2 = "jina-colbert-v2";

    /// <summary>Gets how <paramref name="model"/> takes images, from the SDK's model table.</summary>
    /// <param name="model">The model's wire name.</param>
    /// <returns>The size the model sees and its tile price, or <see langword="null"/> for a text model or one the SDK does not know.</returns>
    public static ModelImageInput? GetImageInput(string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Models.ModelCatalog.Find(model)?.Image;
    }
}
