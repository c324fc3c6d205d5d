namespace JinaClip;

/// <summary>One model of Jina AI's live catalogue (<c>GET /v1/models</c>), as the API describes it.</summary>
public sealed class ModelInfo
{
    internal ModelInfo(
        string id, string name, int contextLength, int maxOutputDimensions, IReadOnlyList<string> inputModalities, IReadOnlyList<string> outputModalities,
        decimal? pricePerInputToken, decimal? pricePerImage, decimal? pricePerRequest, string? description)
    {
        Id = id;
        Name = name;
        ContextLength = contextLength;
        MaxOutputDimensions = maxOutputDimensions;
        InputModalities = inputModalities;
        OutputModalities = outputModalities;
        PricePerInputToken = pricePerInputToken;
        PricePerImage = pricePerImage;
        PricePerRequest = pricePerRequest;
        Description = description;
    }

    /// <summary>Gets the full id, e.g. <c>jina-ai/jina-embeddings-v3</c>.</summary>
    public string Id { get; }

    /// <summary>Gets the short id used in requests, e.g. <c>jina-embeddings-v3</c> (<see cref="Id"/> without its <c>jina-ai/</c> owner).</summary>
    public string ShortId => Id.StartsWith("jina-ai/", StringComparison.Ordinal) ? Id.Substring("jina-ai/".Length) : Id;

    /// <summary>Gets the human-readable name.</summary>
    public string Name { get; }

    /// <summary>Gets the most tokens one input may hold.</summary>
    public int ContextLength { get; }

    /// <summary>Gets the largest output size (for embedding models, the most dimensions).</summary>
    public int MaxOutputDimensions { get; }

    /// <summary>Gets what the model takes: <c>text</c>, <c>image</c>.</summary>
    public IReadOnlyList<string> InputModalities { get; }

    /// <summary>Gets what the model gives: <c>embeddings</c>, <c>text</c>.</summary>
    public IReadOnlyList<string> OutputModalities { get; }

    /// <summary>Gets the price of one input token in USD (the API's <c>pricing.prompt</c>), or <see langword="null"/> when not stated.</summary>
    public decimal? PricePerInputToken { get; }

    /// <summary>Gets the price per million input tokens in USD, or <see langword="null"/> when not stated.</summary>
    public decimal? PricePerMillionTokens => PricePerInputToken * 1_000_000m;

    /// <summary>Gets the API's <c>pricing.image</c> ("price per image", in USD; what it applies to is not documented), or <see langword="null"/>.</summary>
    public decimal? PricePerImage { get; }

    /// <summary>Gets the API's <c>pricing.request</c> in USD, or <see langword="null"/>.</summary>
    public decimal? PricePerRequest { get; }

    /// <summary>Gets the API's description, or <see langword="null"/>.</summary>
    public string? Description { get; }

    /// <summary>Describes the model.</summary>
    /// <returns>The id, dimensions and price.</returns>
    public override string ToString() =>
        FormattableString.Invariant($"ModelInfo {{ Id = {Id}, MaxOutputDimensions = {MaxOutputDimensions}, PricePerMillionTokens = {PricePerMillionTokens} }}");
}
