namespace JinaClip;

/// <summary>The settings of a <see cref="JinaRerankClient"/> of its own; the connection's are <see cref="JinaClientOptions"/>.</summary>
public sealed class JinaRerankClientOptions
{
    /// <summary>Gets or sets the reranker used when a call does not name one in <see cref="RerankOptions.Model"/>.</summary>
    /// <value>The default is <see cref="JinaModels.RerankerV2BaseMultilingual"/> (texts); use <see cref="JinaModels.RerankerM0"/> to rank images.</value>
    public string DefaultModel { get; set; } = JinaModels.RerankerV2BaseMultilingual;

    /// <summary>Describes the options.</summary>
    /// <returns>The default model.</returns>
    public override string ToString() => $"JinaRerankClientOptions {{ DefaultModel = {DefaultModel} }}";
}
