using System.Text.Json;
using JinaClip.Models;
using JinaClip.Wire;

namespace JinaClip.Planning;

/// <summary>What every batch of one call shares: the model, its rules (when checked) and the options, turned into requests.</summary>
internal sealed class CallPlan
{
    private readonly EmbeddingOptions? _options;
    private readonly KeyValuePair<string, JsonElement>[] _additionalFields;

    public CallPlan(
        string model, ModelSpec? spec, bool validated, EmbeddingOptions? options, KeyValuePair<string, JsonElement>[] additionalFields, bool checkImageFormats)
    {
        Model = model;
        Spec = spec;
        Validated = validated;
        CheckImageFormats = checkImageFormats;
        _options = options;
        _additionalFields = additionalFields;
        WireType = options?.EmbeddingType ?? EmbeddingType.Base64;
    }

    public string Model { get; }

    /// <summary>Gets the model's rules from the built-in table, or <see langword="null"/> for a model it does not know.</summary>
    public ModelSpec? Spec { get; }

    /// <summary>Gets whether the call was checked against <see cref="Spec"/> (<see cref="JinaClientOptions.ValidateRequests"/>).</summary>
    public bool Validated { get; }

    public EmbeddingType WireType { get; }

    /// <summary>Gets whether image bytes must start like a format the SDK recognises (<see cref="JinaClientOptions.AllowUnrecognizedImageFormats"/> off).</summary>
    public bool CheckImageFormats { get; }

    public EmbeddingOptions? Options => _options;

    public bool LateChunking => _options?.LateChunking == true;

    /// <summary>Gets whether bad inputs are skipped and reported (<see cref="EmbeddingOptions.SkipBadInputs"/>) rather than failing the call.</summary>
    public bool SkipBadInputs => _options?.SkipBadInputs == true;

    public EmbeddingRequest Request(PreparedInput[] inputs) => new()
    {
        Model = Model,
        Inputs = inputs,
        WireType = WireType,
        Task = _options?.Task,
        Dimensions = _options?.Dimensions,
        Normalized = _options?.Normalized,
        LateChunking = _options?.LateChunking,
        Truncate = _options?.Truncate,
        AdditionalFields = _additionalFields,
        TextAsPlainString = Spec is { AcceptsImages: false },

        // Without validation the table is not trusted to know a model's size: only a size the caller asked for is checked.
        ExpectedDimensions = _options?.Dimensions ?? (Validated ? Spec?.NativeDimensions : null),
    };
}
