using JinaClip.Models;

namespace JinaClip.Planning;

/// <summary>Checks per-call options against the model's capabilities before anything is sent.</summary>
internal static class RequestValidator
{
    /// <summary>
    /// Throws an <see cref="ArgumentException"/> naming the problem when <paramref name="options"/> do not suit the model
    /// <paramref name="spec"/> describes.
    /// </summary>
    public static void Validate(ModelSpec spec, EmbeddingOptions? options)
    {
        var model = spec.Name;
        if (spec.UnsupportedReason is not null)
        {
            throw new ArgumentException($"The model '{model}' cannot be used with this client: {spec.UnsupportedReason}.", nameof(options));
        }

        if (options is null)
        {
            return;
        }

        Require(spec, nameof(options), ModelField.Task, options.Task is not null, "task");
        Require(spec, nameof(options), ModelField.Dimensions, options.Dimensions is not null, "dimensions");
        Require(spec, nameof(options), ModelField.Normalized, options.Normalized is not null, "normalized");
        Require(spec, nameof(options), ModelField.LateChunking, options.LateChunking is not null, "late_chunking");
        Require(spec, nameof(options), ModelField.Truncate, options.Truncate is not null, "truncate");

        if (options.Task is { } task && !spec.Tasks.Contains(task, StringComparer.Ordinal))
        {
            throw new ArgumentException(
                $"The model '{model}' does not accept the task '{task}'; it accepts: {string.Join(", ", spec.Tasks)}.", nameof(options));
        }

        if (options.Dimensions is { } dims && dims > spec.MaxDimensions)
        {
            throw new ArgumentOutOfRangeException(
                nameof(options), $"The model '{model}' accepts dimensions from 1 to {spec.MaxDimensions}; {dims} is out of range.");
        }

    }

    /// <summary>Throws when <paramref name="input"/> does not suit the model or the call's options.</summary>
    public static void CheckInput(ModelSpec spec, EmbeddingOptions? options, EmbeddingInput input, int index)
    {
        if (options?.LateChunking == true && input.IsImage)
        {
            throw new ArgumentException($"late_chunking works with text only, and input {index} is an image.", nameof(options));
        }

        if (!spec.AcceptsImages && input.IsImage)
        {
            throw new ArgumentException(
                $"Input {index} is an image, but the model '{spec.Name}' embeds text only; use a multimodal model such as {JinaModels.ClipV1}, {JinaModels.ClipV2} or {JinaModels.EmbeddingsV4}.",
                nameof(input));
        }
    }

    private static void Require(ModelSpec spec, string paramName, ModelField field, bool isSet, string wireName)
    {
        if (isSet && !spec.Accepts(field))
        {
            throw new ArgumentException(
                $"The model '{spec.Name}' does not accept '{wireName}'; the API would reject the request with 422. Leave that option unset for this model.",
                paramName);
        }
    }
}
