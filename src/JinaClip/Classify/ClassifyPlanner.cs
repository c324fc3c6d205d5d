using JinaClip.Models;
using JinaClip.Planning;

namespace JinaClip.Classify;

/// <summary>
/// Checks a classify call whole before anything is sent: the inputs (none null; files exist and are readable; image data
/// is an image), images only where the model classifies images (never to a few-shot classifier), the labels, and the
/// options; then cuts the inputs into requests of at most <see cref="ClassifyOptions.MaxInputsPerRequest"/>.
/// </summary>
internal static class ClassifyPlanner
{
    public static async Task<ClassifyPlan> PlanZeroShotAsync(
        IEnumerable<EmbeddingInput> inputs, string[]? labels, LabelGroup[]? groups, ClassifyOptions? options, string defaultModel,
        bool validate, bool checkFormat, CancellationToken cancellationToken)
    {
        var resolved = Resolve(options);
        var model = resolved.Model ?? defaultModel;
        if (string.IsNullOrWhiteSpace(model))
        {
            throw new ArgumentException("ClassifyOptions.Model is empty.", nameof(options));
        }

        var spec = ModelCatalog.Find(model);
        if (validate && spec is not null && (spec.Classification & ModelClassification.ZeroShotText) == 0)
        {
            throw new ArgumentException(
                $"{model} does not classify (POST /v1/classify has no schema for it). Use {JinaModels.ClipV1} or {JinaModels.ClipV2} for images and texts, or a text model such as {JinaModels.EmbeddingsV3}.",
                nameof(options));
        }

        var list = await CheckInputsAsync(inputs, validate, checkFormat, (input, i) =>
        {
            if (spec is not null && input.IsImage && (spec.Classification & ModelClassification.ZeroShotImages) == 0)
            {
                throw new ArgumentException(
                    $"Input {i} is an image ({input}), but {model} classifies texts only; only {JinaModels.ClipV1} and {JinaModels.ClipV2} classify images.",
                    nameof(inputs));
            }
        }, cancellationToken).ConfigureAwait(false);
        return new ClassifyPlan
        {
            Model = model,
            Labels = labels,
            Groups = groups,
            Inputs = list,
            Options = resolved,
            Requests = Split(list.Length, resolved.MaxInputsPerRequest),
        };
    }

    public static async Task<ClassifyPlan> PlanFewShotAsync(
        string classifierId, IEnumerable<EmbeddingInput> inputs, ClassifyOptions? options, bool validate, bool checkFormat, CancellationToken cancellationToken)
    {
        CheckClassifierId(classifierId, nameof(classifierId));
        var resolved = Resolve(options);
        if (resolved.Model is not null)
        {
            throw new ArgumentException(
                $"ClassifyOptions.Model is '{resolved.Model}', but a few-shot call names a classifier, whose model was fixed when it was trained; leave Model unset.", nameof(options));
        }

        var list = await CheckInputsAsync(inputs, validate, checkFormat, (input, i) =>
        {
            if (input.IsImage)
            {
                throw new ArgumentException(
                    $"Input {i} is an image ({input}), but a few-shot classifier classifies texts only (the API takes text input with classifier_id, even for a classifier trained on images). Classify images zero-shot with {JinaModels.ClipV1} or {JinaModels.ClipV2}.",
                    nameof(inputs));
            }
        }, cancellationToken).ConfigureAwait(false);
        return new ClassifyPlan
        {
            Model = string.Empty,
            ClassifierId = classifierId,
            Inputs = list,
            Options = resolved,
            Requests = Split(list.Length, resolved.MaxInputsPerRequest),
        };
    }

    /// <summary>Refuses an empty classifier id or one with characters no id has (it becomes part of a URL path).</summary>
    public static void CheckClassifierId(string classifierId, string paramName)
    {
        ArgumentNullException.ThrowIfNull(classifierId, paramName);
        if (string.IsNullOrWhiteSpace(classifierId))
        {
            throw new ArgumentException("The classifier id is empty.", paramName);
        }

        if (classifierId.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '/' or '\\' or '?' or '#'))
        {
            throw new ArgumentException($"The classifier id '{classifierId}' has a character no classifier id has (white space, a slash, '?' or '#').", paramName);
        }
    }

    private static ClassifyOptions Resolve(ClassifyOptions? options)
    {
        var resolved = options?.Clone() ?? new ClassifyOptions();
        if (resolved.MaxInputsPerRequest < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), resolved.MaxInputsPerRequest, "ClassifyOptions.MaxInputsPerRequest must be at least 1.");
        }

        if (resolved.BusyTimeout < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), resolved.BusyTimeout, "ClassifyOptions.BusyTimeout must not be negative.");
        }

        return resolved;
    }

    private static async Task<EmbeddingInput[]> CheckInputsAsync(
        IEnumerable<EmbeddingInput> inputs, bool validate, bool checkFormat, Action<EmbeddingInput, int> rule, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var list = inputs.ToArray();
        if (list.Length == 0)
        {
            throw new ArgumentException("Give at least one input to classify.", nameof(inputs));
        }

        for (var i = 0; i < list.Length; i++)
        {
            if (list[i] is null)
            {
                throw new ArgumentException($"Input {i} is null.", nameof(inputs));
            }

            if (validate)
            {
                rule(list[i], i);
            }

            await InputChecks.CheckAsync(list[i], i, nameof(inputs), checkFormat, cancellationToken).ConfigureAwait(false);
        }

        return list;
    }

    private static InputRange[] Split(int count, int perRequest)
    {
        var ranges = new InputRange[(count + perRequest - 1) / perRequest];
        for (var i = 0; i < ranges.Length; i++)
        {
            var start = i * perRequest;
            ranges[i] = new InputRange(start, Math.Min(perRequest, count - start));
        }

        return ranges;
    }
}
