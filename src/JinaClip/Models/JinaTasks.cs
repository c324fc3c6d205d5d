namespace JinaClip;

/// <summary>
/// Values of the <c>task</c> option. Which tasks a model accepts depends on the model:
/// jina-embeddings-v3/v4/v5 and jina-clip-v2 (only <see cref="RetrievalQuery"/>) take one; jina-clip-v1 takes none.
/// </summary>
public static class JinaTasks
{
    /// <summary>Embed a search query (v3, v4, v5, jina-clip-v2).</summary>
    public const string RetrievalQuery = "retrieval.query";

    /// <summary>Embed a document to be searched (v3, v4, v5).</summary>
    public const string RetrievalPassage = "retrieval.passage";

    /// <summary>Symmetric similarity between texts (v3, v4, v5).</summary>
    public const string TextMatching = "text-matching";

    /// <summary>Features for a classifier (v3, v5).</summary>
    public const string Classification = "classification";

    /// <summary>Clustering and re-ranking (v3).</summary>
    public const string Separation = "separation";

    /// <summary>Clustering (v5).</summary>
    public const string Clustering = "clustering";

    /// <summary>Embed a code search query (v4).</summary>
    public const string CodeQuery = "code.query";

    /// <summary>Embed a code document (v4).</summary>
    public const string CodePassage = "code.passage";
}
