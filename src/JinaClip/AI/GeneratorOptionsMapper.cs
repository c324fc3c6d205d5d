using Microsoft.Extensions.AI;

namespace JinaClip.AI;

/// <summary>
/// Maps Microsoft.Extensions.AI's <see cref="EmbeddingGenerationOptions"/> onto the SDK's <see cref="EmbeddingOptions"/>,
/// as users really pass them:
/// <list type="bullet">
/// <item>the <see cref="EmbeddingOptions"/> a <c>RawRepresentationFactory</c> returns wins; <c>ModelId</c>,
/// <c>Dimensions</c> and the additional properties fill only what it left unset (as the OpenAI adapter does);</item>
/// <item>additional property keys match case-insensitively, as <see cref="AdditionalPropertiesDictionary"/> does;
/// values may be CLR values or <see cref="System.Text.Json.JsonElement"/>s (options read from JSON);</item>
/// <item><c>task</c>, <c>late_chunking</c>, <c>normalized</c> and <c>truncate</c> map to their options; any other key
/// is forwarded as a raw request field, never dropped, so the server judges it.</item>
/// </list>
/// </summary>
internal static class GeneratorOptionsMapper
{
    public const string Task = "task";
    public const string LateChunking = "late_chunking";
    public const string Normalized = "normalized";
    public const string Truncate = "truncate";

    /// <summary>Maps the options for one call.</summary>
    /// <param name="options">The M.E.AI options, or <see langword="null"/>.</param>
    /// <param name="generator">The generator, handed to <c>RawRepresentationFactory</c>.</param>
    /// <param name="defaults">The generator's defaults.</param>
    /// <param name="binary">Whether the generator returns packed bits (<see cref="BinaryEmbedding"/>) rather than floats.</param>
    public static EmbeddingOptions Map(EmbeddingGenerationOptions? options, IEmbeddingGenerator generator, GeneratorDefaults defaults, bool binary)
    {
        var mapped = options?.RawRepresentationFactory?.Invoke(generator) switch
        {
            EmbeddingOptions raw => raw.Clone(),
            null => new EmbeddingOptions(),
            var other => throw new ArgumentException(
                $"RawRepresentationFactory returned {other.GetType().Name}; the Jina generator takes JinaClip.EmbeddingOptions.", nameof(options)),
        };

        mapped.Model ??= options?.ModelId ?? defaults.Model;
        mapped.Dimensions ??= options?.Dimensions ?? defaults.Dimensions;
        if (options?.AdditionalProperties is { Count: > 0 } extra)
        {
            foreach (var (key, value) in extra)
            {
                Apply(mapped, key, value, nameof(options));
            }
        }

        mapped.EmbeddingType ??= binary ? EmbeddingType.UBinary : null;
        CheckType(mapped.EmbeddingType, binary, nameof(options));
        return mapped;
    }

    private static void Apply(EmbeddingOptions mapped, string key, object? value, string paramName)
    {
        if (Is(key, Task))
        {
            var task = PropertyValues.AsString(key, value, "a string such as \"retrieval.query\"", paramName);
            mapped.Task ??= task;
        }
        else if (Is(key, LateChunking))
        {
            var b = PropertyValues.AsBool(key, value, paramName);
            mapped.LateChunking ??= b;
        }
        else if (Is(key, Normalized))
        {
            var b = PropertyValues.AsBool(key, value, paramName);
            mapped.Normalized ??= b;
        }
        else if (Is(key, Truncate))
        {
            var b = PropertyValues.AsBool(key, value, paramName);
            mapped.Truncate ??= b;
        }
        else if (Is(key, "model") || Is(key, "dimensions") || Is(key, "input") || Is(key, "embedding_type"))
        {
            throw new ArgumentException(
                $"Additional property '{key}' is a field the generator writes itself; set it through EmbeddingGenerationOptions.ModelId or .Dimensions, the values you embed, or the generator you choose (float or binary).",
                paramName);
        }
        else
        {
            // Forwarded, never dropped: the server judges a field the SDK does not know (a strict server's 422 names it),
            // and a field the API adds tomorrow works without a release. A raw field the factory set wins.
            var fields = mapped.AdditionalRequestFields ??= new Dictionary<string, System.Text.Json.JsonElement>(StringComparer.Ordinal);
            if (!fields.Keys.Any(k => Is(k, key)))
            {
                fields[key] = PropertyValues.ToJson(key, value, paramName);
            }
        }
    }

    private static void CheckType(EmbeddingType? type, bool binary, string paramName)
    {
        if (binary && type is not (EmbeddingType.Binary or EmbeddingType.UBinary))
        {
            throw new ArgumentException($"BinaryEmbedding needs packed bits; embedding_type {type} cannot be used here (use Binary or UBinary).", paramName);
        }

        if (!binary && type is not (null or EmbeddingType.Float or EmbeddingType.Base64))
        {
            throw new ArgumentException($"Embedding<float> needs float vectors; embedding_type {type} cannot be used here (use the binary generator for packed bits).", paramName);
        }
    }

    private static bool Is(string key, string name) => string.Equals(key, name, StringComparison.OrdinalIgnoreCase);

    public static UsageDetails? Usage(EmbeddingUsage usage)
    {
        if (usage.TotalTokens is null && usage.PromptTokens is null && usage.ImageTokens is null)
        {
            return null; // the response had no usage: say so, as the OpenAI adapter does, rather than report zeros
        }

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
}
