using System.Text.Json;
using JinaClip.Testing.Faults;

namespace JinaClip.Testing.Emulator;

/// <summary>
/// <c>POST /v1/classify</c> as the API validates and answers it: zero-shot (<c>model</c>, <c>input</c>, <c>labels</c> as a
/// list or named groups) or few-shot (<c>classifier_id</c>, text <c>input</c>), with the API's limits and error bodies, and
/// deterministic stand-in scores (<see cref="ClassifierStore"/>).
/// </summary>
internal static class ClassifyEndpoint
{
    public static EmulatorResponse Answer(byte[] body, ClassifierStore store, string requestId, FaultKind? fault)
    {
        var errors = new List<FieldError>();
        using var document = JsonBody.Parse(body, errors);
        if (document is null)
        {
            return new EmulatorResponse(422, ErrorBodies.Validation(errors, requestId));
        }

        var root = document.RootElement;
        return root.TryGetProperty("classifier_id", out var id)
            ? FewShot(root, id, store, requestId, fault)
            : ZeroShot(root, requestId, fault);
    }

    private static EmulatorResponse ZeroShot(JsonElement root, string requestId, FaultKind? fault)
    {
        var errors = new List<FieldError>();
        if (JsonBody.Model(root, errors) is not { } model)
        {
            return new EmulatorResponse(422, ErrorBodies.Validation(errors, requestId));
        }

        if (!ApiClassification.Classifies(model))
        {
            return new EmulatorResponse(400, ErrorBodies.Error(
                $"Model '{model}' not found. Available models: {string.Join(", ", ApiModels.Supported.Select(m => m.Name))}", "INPUT_MODEL_NOT_FOUND", requestId));
        }

        var prefix = $"body -> {model}";
        Extra(root, prefix, errors, "model", "input", "labels");
        var inputs = RequestParser.ParseInputs(root, ApiClassification.ClassifiesImages(model), prefix, errors);
        TooMany(inputs.Count, $"{prefix} -> input", errors);
        var groups = Labels(root, prefix, errors, out var limit, out var invalid);
        if (errors.Count > 0)
        {
            return new EmulatorResponse(422, ErrorBodies.Validation(errors, requestId));
        }

        if (invalid is not null)
        {
            return new EmulatorResponse(400, ErrorBodies.Error(invalid, "INPUT_INVALID_LABELS", requestId));
        }

        if (limit is not null)
        {
            return new EmulatorResponse(400, ErrorBodies.Error(limit, "INPUT_LABEL_LIMIT_EXCEEDED", requestId));
        }

        var scored = inputs
            .Select(input => new ClassificationWriter.Scored([.. groups.Select(g => (g.Name, g.Labels, ClassifierStore.ZeroShot(model, input, g.Labels)))]))
            .ToList();
        var tokens = inputs.Sum(i => TokenCounter.Of(model, i)) + groups.Sum(g => g.Labels.Sum(TokenCounter.Text));
        return Respond(scored, tokens, grouped: groups[0].Name is not null, fault);
    }

    private static EmulatorResponse FewShot(JsonElement root, JsonElement idElement, ClassifierStore store, string requestId, FaultKind? fault)
    {
        var errors = new List<FieldError>();
        const string Prefix = "body -> FewShotClassificationRequest";
        Extra(root, Prefix, errors, "classifier_id", "input");
        if (idElement.ValueKind != JsonValueKind.String)
        {
            errors.Add(new FieldError($"{Prefix} -> classifier_id", "Input should be a valid string", "string_type", idElement.GetRawText()));
        }

        var inputs = RequestParser.ParseInputs(root, acceptsImages: false, Prefix, errors);
        TooMany(inputs.Count, $"{Prefix} -> input", errors);
        if (errors.Count > 0)
        {
            return new EmulatorResponse(422, ErrorBodies.Validation(errors, requestId));
        }

        var id = idElement.GetString()!;
        if (store.Find(id, out var busy) is not { } classifier)
        {
            return new EmulatorResponse(404, ErrorBodies.Error($"Classifier '{id}' not found.", "RESOURCE_NOT_FOUND", requestId));
        }

        if (busy)
        {
            return Busy(id, requestId);
        }

        var labels = classifier.Centroids.Select(c => c.Label).ToArray();
        var scored = inputs.Select(input => new ClassificationWriter.Scored([(null, labels, store.FewShot(classifier, input))])).ToList();
        return Respond(scored, inputs.Sum(i => TokenCounter.Text(i.Text!)), grouped: false, fault);
    }

    /// <summary>The API's 409 for a classifier that is being trained.</summary>
    public static EmulatorResponse Busy(string id, string requestId) => new(409, ErrorBodies.Error(
        $"Classifier '{id}' is currently being modified. Please retry after a few moments.", "CONFLICT_RESOURCE_BUSY", requestId));

    /// <summary>Adds the 422 of a field the schema does not declare.</summary>
    public static void Extra(JsonElement root, string prefix, List<FieldError> errors, params string[] known)
    {
        foreach (var property in root.EnumerateObject())
        {
            if (!known.Contains(property.Name, StringComparer.Ordinal))
            {
                errors.Add(new FieldError($"{prefix} -> {property.Name}", "Extra inputs are not permitted", "extra_forbidden", property.Value.GetRawText()));
            }
        }
    }

    private static void TooMany(int count, string path, List<FieldError> errors)
    {
        if (count > ApiClassification.MaxInputs)
        {
            errors.Add(new FieldError(path, $"List should have at most {ApiClassification.MaxInputs} items after validation, not {count}", "too_long"));
        }
    }

    private static List<(string? Name, IReadOnlyList<string> Labels)> Labels(
        JsonElement root, string prefix, List<FieldError> errors, out string? limit, out string? invalid)
    {
        limit = null;
        invalid = null;
        var groups = new List<(string? Name, IReadOnlyList<string> Labels)>();
        if (!root.TryGetProperty("labels", out var labels))
        {
            errors.Add(new FieldError($"{prefix} -> labels", "Field required", "missing"));
            return groups;
        }

        if (labels.ValueKind == JsonValueKind.Array)
        {
            groups.Add((null, Strings(labels, $"{prefix} -> labels", errors)));
        }
        else if (labels.ValueKind == JsonValueKind.Object)
        {
            foreach (var group in labels.EnumerateObject())
            {
                groups.Add((group.Name, group.Value.ValueKind == JsonValueKind.Array ? Strings(group.Value, $"{prefix} -> labels -> {group.Name}", errors) : []));
            }
        }
        else
        {
            errors.Add(new FieldError($"{prefix} -> labels", "Input should be a valid list or dictionary", "union_tag_invalid", labels.GetRawText()));
            return groups;
        }

        if (groups.Count == 0 || groups.Any(g => g.Labels.Count == 0))
        {
            invalid = "Invalid labels: every label list must hold at least one label.";
        }
        else if (groups.SelectMany(g => g.Labels.GroupBy(l => l, StringComparer.Ordinal)).Any(l => l.Count() > 1))
        {
            invalid = "Invalid labels: a label appears twice.";
        }
        else if (groups[0].Name is null && groups[0].Labels.Count > ApiClassification.MaxLabels)
        {
            limit = $"Label limit exceeded: {groups[0].Labels.Count} labels provided, maximum {ApiClassification.MaxLabels} allowed.";
        }
        else if (groups[0].Name is not null && (groups.Count > ApiClassification.MaxGroups || groups.Any(g => g.Labels.Count > ApiClassification.MaxGroupLabels)))
        {
            limit = $"Label limit exceeded: at most {ApiClassification.MaxGroups} groups of {ApiClassification.MaxGroupLabels} labels are allowed.";
        }

        return groups;
    }

    private static string[] Strings(JsonElement array, string path, List<FieldError> errors)
    {
        var list = new List<string>();
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                list.Add(item.GetString()!);
            }
            else
            {
                errors.Add(new FieldError($"{path} -> {list.Count}", "Input should be a valid string", "string_type", item.GetRawText()));
            }
        }

        return [.. list];
    }

    private static EmulatorResponse Respond(List<ClassificationWriter.Scored> scored, int tokens, bool grouped, FaultKind? fault)
    {
        // DropOne leaves the last answer out; Shuffle sends the answers in reverse order, each with its own index.
        var order = Enumerable.Range(0, scored.Count).ToList();
        if (fault == FaultKind.DropOne && order.Count > 0)
        {
            order.RemoveAt(order.Count - 1);
        }
        else if (fault == FaultKind.Shuffle)
        {
            order.Reverse();
        }

        var body = ClassificationWriter.Classify(scored, order, tokens, grouped);
        return fault == FaultKind.Truncate ? new EmulatorResponse(200, body, TransportAction.TruncateBody) : new EmulatorResponse(200, body);
    }
}
