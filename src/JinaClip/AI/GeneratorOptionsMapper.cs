using System.Globalization;
using Microsoft.Extensions.AI;

namespace JinaClip.AI;

/// <summary>
/// Maps Microsoft.Extensions.AI's <see cref="EmbeddingGenerationOptions"/> onto the SDK's <see cref="EmbeddingOptions"/>:
/// <c>ModelId</c>, <c>Dimensions</c>, and the additional properties <c>task</c>, <c>late_chunking</c>,
/// <c>normalized</c> and <c>truncate</c>. Any other additional property is an error, never silently dropped.
/// </summary>
internal static class GeneratorOptionsMapper
{
    public const string Task = "task";
    public const string LateChunking = "late_chunking";
    public const string Normalized = "normalized";
    public const string Truncate = "truncate";

    public static EmbeddingOptions Map(EmbeddingGenerationOptions? options, IEmbeddingGenerator generator, string? defaultModel, int? defaultDimensions)
    {
        var mapped = options?.RawRepresentationFactory?.Invoke(generator) switch
        {
            EmbeddingOptions raw => raw.Clone(),
            null => new EmbeddingOptions(),
            var other => throw new ArgumentException(
                $"RawRepresentationFactory returned {other.GetType().Name}; the Jina generator takes JinaClip.EmbeddingOptions.", nameof(options)),
        };

        mapped.Model = options?.ModelId ?? mapped.Model ?? defaultModel;
        mapped.Dimensions = options?.Dimensions ?? mapped.Dimensions ?? defaultDimensions;
        if (options?.AdditionalProperties is { Count: > 0 } extra)
        {
            foreach (var (key, value) in extra)
            {
                switch (key)
                {
                    case Task:
                        mapped.Task = value as string ?? throw Bad(key, value, "a string such as \"retrieval.query\"");
                        break;
                    case LateChunking:
                        mapped.LateChunking = AsBool(key, value);
                        break;
                    case Normalized:
                        mapped.Normalized = AsBool(key, value);
                        break;
                    case Truncate:
                        mapped.Truncate = AsBool(key, value);
                        break;
                    default:
                        throw new ArgumentException(
                            $"Unknown additional property '{key}'; the Jina generator maps {Task}, {LateChunking}, {Normalized} and {Truncate}.", nameof(options));
                }
            }
        }

        if (mapped.EmbeddingType is { } type && type is not (EmbeddingType.Float or EmbeddingType.Base64))
        {
            throw new ArgumentException($"Embedding<float> needs float vectors; embedding_type {type} cannot be used here.", nameof(options));
        }

        return mapped;
    }

    public static UsageDetails Usage(EmbeddingUsage usage)
    {
        var details = new UsageDetails
        {
            InputTokenCount = usage.PromptTokens ?? usage.TotalTokens,
            TotalTokenCount = usage.TotalTokens,
        };
        if (usage.ImageTokens is { } image)
        {
            details.AdditionalCounts = new AdditionalPropertiesDictionary<long> { ["image_tokens"] = image };
        }

        return details;
    }

    private static bool AsBool(string key, object? value) => value switch
    {
        bool b => b,
        string s when bool.TryParse(s, out var parsed) => parsed,
        _ => throw Bad(key, value, "true or false"),
    };

    private static ArgumentException Bad(string key, object? value, string expected) =>
        new($"Additional property '{key}' is {Convert.ToString(value, CultureInfo.InvariantCulture) ?? "null"}; expected {expected}.");
}
