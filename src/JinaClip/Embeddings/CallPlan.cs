using JinaClip.Inputs;
using JinaClip.Models;

namespace JinaClip.Embeddings;

/// <summary>What every batch of one call shares: the model, its spec and the options, turned into requests.</summary>
internal sealed class CallPlan
{
    private readonly EmbeddingOptions? _options;
    private readonly EmbeddingType _wireType;

    public CallPlan(string model, ModelSpec? spec, EmbeddingOptions? options, FloatTransport floatTransport)
    {
        Model = model;
        Spec = spec;
        _options = options;
        _wireType = options?.EmbeddingType ?? (floatTransport == FloatTransport.Float ? EmbeddingType.Float : EmbeddingType.Base64);
    }

    public string Model { get; }

    public ModelSpec? Spec { get; }

    public bool LateChunking => _options?.LateChunking == true;

    public EmbeddingRequest Request(PreparedInput[] inputs) => new()
    {
        Model = Model,
        Inputs = inputs,
        WireType = _wireType,
        Task = _options?.Task,
        Dimensions = _options?.Dimensions,
        Normalized = _options?.Normalized,
        LateChunking = _options?.LateChunking,
        Truncate = _options?.Truncate,
        TextAsPlainString = Spec is { AcceptsImages: false },
        ExpectedDimensions = _options?.Dimensions ?? Spec?.NativeDimensions,
    };
}
