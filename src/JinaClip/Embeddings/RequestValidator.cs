using JinaClip.Models;

namespace JinaClip.Embeddings;

/// <summary>Checks per-call options against the model's capabilities before anything is sent.</summary>
internal static class RequestValidator
{
    /// <summary>
    /// Throws an <see cref="ArgumentException"/> naming the problem when <paramref name="options"/> or
    /// <paramref name="inputs"/> do not suit <paramref name="model"/>; returns the model's spec when it is known.
    /// </summary>
    public static ModelSpec? Validate(string model, EmbeddingOptions? options, EmbeddingInput[] inputs)
    {
        var spec = ModelCatalog.Find(model);
        if (spec is null)
        {
            return null;
        }

        if (spec.UnsupportedReason is not null)
        {
            throw new ArgumentException($"The model '{model}' cannot be used with this client: {spec.UnsupportedReason}.", nameof(options));
        }

        for (var i = 0; i < inputs.Length; i++)
        {
            CheckInput(spec, inputs[i], i);
        }

        if (options is null)
        {
            return spec;
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
                nameof(options), dims, $"The model '{model}' accepts dimensions from 1 to {spec.MaxDimensions}; {dims} is out of range.");
        }

        if (options.LateChunking == true && inputs.Any(i => i.IsImage))
        {
            throw new ArgumentException($"late_chunking works with text only, and this call has image inputs.", nameof(options));
        }

        return spec;
    }

    /// <summary>Throws when <paramref name="input"/> is an image and the known model embeds text only.</summary>
    public static void CheckInput(ModelSpec? spec, EmbeddingInput input, int index)
    {
        if (spec is { AcceptsImages: false } && input.IsImage)
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
