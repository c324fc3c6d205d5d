using JinaClip.Models;
using JinaClip.Planning;

namespace JinaClip.Classify;

/// <summary>
/// Checks a training call whole before anything is sent: 1 to 512 examples (at least 2, with 2 distinct labels, to
/// create), no empty label, images only for a model trained on images, readable files, and the options.
/// </summary>
internal static class TrainingPlanner
{
    public static async Task<TrainingPlan> PlanAsync(
        string? classifierId, IEnumerable<TrainingExample> examples, ClassifierTrainingOptions? options, string defaultModel,
        bool validate, bool checkFormat, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var resolved = options?.Clone() ?? new ClassifierTrainingOptions();
        if (resolved.Iterations is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), resolved.Iterations, "ClassifierTrainingOptions.Iterations must be at least 1.");
        }

        if (resolved.BusyTimeout < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), resolved.BusyTimeout, "ClassifierTrainingOptions.BusyTimeout must not be negative.");
        }

        if (resolved.Access is not (ClassifierAccess.Private or ClassifierAccess.Public))
        {
            throw new ArgumentOutOfRangeException(nameof(options), resolved.Access, "ClassifierTrainingOptions.Access must be Private or Public.");
        }

        var create = classifierId is null;
        string model;
        if (create)
        {
            model = resolved.Model ?? defaultModel;
            if (string.IsNullOrWhiteSpace(model))
            {
                throw new ArgumentException("ClassifierTrainingOptions.Model is empty.", nameof(options));
            }
        }
        else
        {
            ClassifyPlanner.CheckClassifierId(classifierId!, nameof(classifierId));
            model = resolved.Model is null ? string.Empty : throw new ArgumentException(
                $"ClassifierTrainingOptions.Model is '{resolved.Model}', but an update trains an existing classifier on its own model; leave Model unset.", nameof(options));
        }

        var spec = create ? ModelCatalog.Find(model) : null;
        if (validate && spec is not null && (spec.Classification & ModelClassification.TrainText) == 0)
        {
            throw new ArgumentException($"{model} cannot be trained as a classifier (POST /v1/train has no schema for it).", nameof(options));
        }

        var list = examples.ToArray();
        var least = create ? ModelCatalog.MinTrainingExamples : 1;
        if (list.Length < least)
        {
            throw new ArgumentException(
                create ? $"A new classifier needs at least {least} examples with at least 2 distinct labels; {list.Length} given." : "Give at least one example to update the classifier with.",
                nameof(examples));
        }

        if (validate && list.Length > ModelCatalog.MaxTrainingExamples)
        {
            throw new ArgumentException(
                $"{list.Length:N0} examples are more than one training request takes ({ModelCatalog.MaxTrainingExamples}); train on the first {ModelCatalog.MaxTrainingExamples}, then add the rest with UpdateClassifierAsync.",
                nameof(examples));
        }

        var inputs = new EmbeddingInput[list.Length];
        var labels = new string[list.Length];
        for (var i = 0; i < list.Length; i++)
        {
            var example = list[i] ?? throw new ArgumentException($"Example {i} is null.", nameof(examples));
            if (string.IsNullOrWhiteSpace(example.Label))
            {
                throw new ArgumentException($"Example {i} has an empty label.", nameof(examples));
            }

            if (validate && spec is not null && example.Input.IsImage && (spec.Classification & ModelClassification.TrainImages) == 0)
            {
                throw new ArgumentException(
                    $"Example {i} is an image ({example.Input}), but {model} trains on texts only; {JinaModels.ClipV1}, {JinaModels.ClipV2} and {JinaModels.EmbeddingsV4} train on images.",
                    nameof(examples));
            }

            await InputChecks.CheckAsync(example.Input, i, nameof(examples), checkFormat, cancellationToken).ConfigureAwait(false);
            inputs[i] = example.Input;
            labels[i] = example.Label;
        }

        if (create && labels.Distinct(StringComparer.Ordinal).Count() < 2)
        {
            throw new ArgumentException($"A new classifier needs at least 2 distinct labels; every example is labelled '{labels[0]}'.", nameof(examples));
        }

        return new TrainingPlan { Model = model, ClassifierId = classifierId, Inputs = inputs, Labels = labels, Options = resolved };
    }
}
