using System.Text.Json;

namespace JinaClip.Testing.Emulator;

/// <summary>
/// <c>POST /v1/train</c> as the API validates and answers it: create (<c>model</c>, 2–512 examples with at least 2
/// distinct labels, <c>num_iters</c>, <c>access</c> defaulting to "public") or update (<c>classifier_id</c>, examples,
/// <c>num_iters</c>), 409 while the classifier still trains.
/// </summary>
internal static class TrainEndpoint
{
    public static EmulatorResponse Answer(byte[] body, ClassifierStore store, string requestId)
    {
        var errors = new List<FieldError>();
        using var document = JsonBody.Parse(body, errors);
        if (document is null)
        {
            return new EmulatorResponse(422, ErrorBodies.Validation(errors, requestId));
        }

        var root = document.RootElement;
        StoredClassifier? existing = null;
        string model;
        string prefix;
        if (root.TryGetProperty("classifier_id", out var id))
        {
            prefix = "body -> UpdateTrainingRequest";
            ClassifyEndpoint.Extra(root, prefix, errors, "classifier_id", "input", "num_iters");
            if (id.ValueKind != JsonValueKind.String)
            {
                errors.Add(new FieldError($"{prefix} -> classifier_id", "Input should be a valid string", "string_type", id.GetRawText()));
                return new EmulatorResponse(422, ErrorBodies.Validation(errors, requestId));
            }

            existing = store.Find(id.GetString()!, out var busy);
            if (existing is null)
            {
                return new EmulatorResponse(404, ErrorBodies.Error($"Classifier '{id.GetString()}' not found.", "RESOURCE_NOT_FOUND", requestId));
            }

            if (busy)
            {
                return ClassifyEndpoint.Busy(existing.Id, requestId);
            }

            model = existing.Model;
        }
        else
        {
            if (JsonBody.Model(root, errors) is not { } name)
            {
                return new EmulatorResponse(422, ErrorBodies.Validation(errors, requestId));
            }

            if (!ApiClassification.Trains(name))
            {
                return new EmulatorResponse(400, ErrorBodies.Error(
                    $"Model '{name}' not found. Available models: {string.Join(", ", ApiClassification.TrainModels)}", "INPUT_MODEL_NOT_FOUND", requestId));
            }

            model = name;
            prefix = $"body -> {model}";
            ClassifyEndpoint.Extra(root, prefix, errors, "model", "input", "num_iters", "access");
        }

        var examples = Examples(root, model, prefix, existing is null, errors);
        if (root.TryGetProperty("num_iters", out var iterations) && (iterations.ValueKind != JsonValueKind.Number || !iterations.TryGetInt32(out _)))
        {
            errors.Add(new FieldError($"{prefix} -> num_iters", "Input should be a valid integer", "int_type", iterations.GetRawText()));
        }

        var access = "public";
        if (existing is null && root.TryGetProperty("access", out var accessElement))
        {
            access = accessElement.ValueKind == JsonValueKind.String ? accessElement.GetString()! : access;
            if (accessElement.ValueKind != JsonValueKind.String || access is not ("public" or "private"))
            {
                errors.Add(new FieldError($"{prefix} -> access", "Input should be 'public' or 'private'", "literal_error", accessElement.GetRawText()));
            }
        }

        if (errors.Count > 0)
        {
            return new EmulatorResponse(422, ErrorBodies.Validation(errors, requestId));
        }

        if (existing is null && examples.Select(e => e.Label).Distinct(StringComparer.Ordinal).Count() < 2)
        {
            return new EmulatorResponse(400, ErrorBodies.Error("Invalid training labels. At least 2 unique labels are required for training.", "INPUT_INVALID_LABELS", requestId));
        }

        var classifier = existing ?? store.Create(model, access);
        foreach (var (input, label) in examples)
        {
            classifier.Add(label, ClassifierStore.Vector(model, input));
        }

        if (existing is not null)
        {
            store.Retrain(existing);
        }

        var tokens = examples.Sum(e => TokenCounter.Of(model, e.Input));
        return new EmulatorResponse(200, ClassificationWriter.Trained(classifier.Id, examples.Count, tokens));
    }

    private static List<(ParsedInput Input, string Label)> Examples(JsonElement root, string model, string prefix, bool create, List<FieldError> errors)
    {
        var examples = new List<(ParsedInput, string)>();
        if (!root.TryGetProperty("input", out var input))
        {
            errors.Add(new FieldError($"{prefix} -> input", "Field required", "missing"));
            return examples;
        }

        var items = input.ValueKind == JsonValueKind.Array ? input.EnumerateArray().ToList() : create ? [] : [input];
        if (input.ValueKind != JsonValueKind.Array && create)
        {
            errors.Add(new FieldError($"{prefix} -> input", "Input should be a valid list", "list_type", input.GetRawText()));
            return examples;
        }

        if (items.Count < (create ? 2 : 1) || items.Count > ApiClassification.MaxExamples)
        {
            errors.Add(new FieldError($"{prefix} -> input", items.Count > ApiClassification.MaxExamples
                ? $"List should have at most {ApiClassification.MaxExamples} items after validation, not {items.Count}"
                : $"List should have at least {(create ? 2 : 1)} items after validation, not {items.Count}", items.Count > ApiClassification.MaxExamples ? "too_long" : "too_short"));
            return examples;
        }

        for (var i = 0; i < items.Count; i++)
        {
            var path = $"{prefix} -> input -> {i}";
            var item = items[i];
            if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("label", out var label) || label.ValueKind != JsonValueKind.String)
            {
                errors.Add(new FieldError($"{path} -> label", "Field required", "missing"));
                continue;
            }

            var parsed = new List<ParsedInput>();
            if (item.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
            {
                parsed.Add(new ParsedInput(false, text.GetString(), null, null));
            }
            else if (item.TryGetProperty("image", out var image) && image.ValueKind == JsonValueKind.String && ApiClassification.TrainsImages(model))
            {
                RequestParser.AddImage(image.GetString()!, $"{path} -> image", errors, parsed);
            }
            else
            {
                errors.Add(new FieldError(path, ApiClassification.TrainsImages(model) ? "Input should be a text or image training item" : "Input should be a text training item",
                    "union_tag_invalid", item.GetRawText()));
            }

            if (parsed.Count == 1)
            {
                examples.Add((parsed[0], label.GetString()!));
            }
        }

        return examples;
    }
}
