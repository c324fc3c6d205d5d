using System.Text.Json;

namespace JinaClip.Testing.Emulator;

/// <summary>Validates a request body the way the API does: 400 for an unknown model, 422 with field errors otherwise.</summary>
internal static class RequestParser
{
    /// <summary>Parses <paramref name="body"/>; on failure returns the status and either errors or a detail.</summary>
    public static (ParsedRequest? Request, int Status, string? Detail, List<FieldError> Errors) Parse(byte[] body)
    {
        var errors = new List<FieldError>();
        using var document = JsonBody.Parse(body, errors);
        if (document is null || JsonBody.Model(document.RootElement, errors) is not { } modelName)
        {
            return (null, 422, null, errors);
        }

        var root = document.RootElement;
        var spec = ApiModels.Find(modelName);
        if (spec is null)
        {
            var available = string.Join(", ", ApiModels.Supported.Select(s => s.Name));
            return (null, 400, $"Model '{modelName}' not found. Available models: {available}", errors);
        }

        var prefix = $"body -> {modelName}";
        foreach (var property in root.EnumerateObject())
        {
            var known = property.Name is "model" or "input" or "embedding_type"
                || spec.Accepts(property.Name);
            if (!known)
            {
                errors.Add(new FieldError($"{prefix} -> {property.Name}", "Extra inputs are not permitted", "extra_forbidden", property.Value.GetRawText()));
            }
        }

        var inputs = ParseInputs(root, spec.AcceptsImages, prefix, errors);
        if (inputs.Count > spec.MaxInputs)
        {
            errors.Add(new FieldError(prefix, $"Each input list can contain at most {spec.MaxInputs} items.", "value_error"));
        }
        var type = ParseType(root, prefix, errors);
        var dimensions = ParseDimensions(root, spec, prefix, errors);
        var normalized = ParseBool(root, "normalized", prefix, errors) ?? true;
        var lateChunking = ParseBool(root, "late_chunking", prefix, errors) ?? false;
        ParseBool(root, "truncate", prefix, errors);
        ParseTask(root, spec, prefix, errors);
        if (lateChunking && inputs.Any(i => i.IsImage))
        {
            errors.Add(new FieldError($"{prefix} -> late_chunking", "late_chunking only works with text inputs", "value_error", "true"));
        }

        if (errors.Count > 0)
        {
            return (null, 422, null, errors);
        }

        return (new ParsedRequest(spec, inputs, type, dimensions, normalized), 200, null, errors);
    }

    internal static List<ParsedInput> ParseInputs(JsonElement root, bool acceptsImages, string prefix, List<FieldError> errors)
    {
        var result = new List<ParsedInput>();
        if (!root.TryGetProperty("input", out var input))
        {
            errors.Add(new FieldError($"{prefix} -> input", "Field required", "missing"));
            return result;
        }

        if (input.ValueKind == JsonValueKind.Array)
        {
            if (input.GetArrayLength() == 0)
            {
                errors.Add(new FieldError($"{prefix} -> input", "List should have at least 1 item after validation, not 0", "too_short", "[]"));
            }

            var i = 0;
            foreach (var item in input.EnumerateArray())
            {
                ParseItem(item, acceptsImages, $"{prefix} -> input -> {i++}", errors, result);
            }
        }
        else
        {
            ParseItem(input, acceptsImages, $"{prefix} -> input", errors, result);
        }

        return result;
    }

    private static void ParseItem(JsonElement item, bool acceptsImages, string path, List<FieldError> errors, List<ParsedInput> result)
    {
        if (item.ValueKind == JsonValueKind.String)
        {
            AddText(item.GetString()!, path, errors, result);
            return;
        }

        if (item.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new FieldError(path, "Input should be a valid string or document", "union_tag_invalid", item.GetRawText()));
            return;
        }

        foreach (var property in item.EnumerateObject())
        {
            if (property.Name is not ("text" or "image"))
            {
                errors.Add(new FieldError($"{path} -> {property.Name}", "Extra inputs are not permitted", "extra_forbidden", property.Value.GetRawText()));
            }
        }

        if (item.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
        {
            AddText(text.GetString()!, path, errors, result);
        }
        else if (item.TryGetProperty("image", out var image) && image.ValueKind == JsonValueKind.String)
        {
            if (!acceptsImages)
            {
                errors.Add(new FieldError(path, "Input should be a valid string", "string_type", item.GetRawText()));
                return;
            }

            AddImage(image.GetString()!, $"{path} -> image", errors, result);
        }
        else
        {
            errors.Add(new FieldError($"{path} -> text", "Field required", "missing"));
        }
    }

    private static void AddText(string text, string path, List<FieldError> errors, List<ParsedInput> result)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(new FieldError(path, "String should have at least 1 character", "string_too_short", "\"\""));
            return;
        }

        result.Add(new ParsedInput(false, text, null, null));
    }

    internal static void AddImage(string value, string path, List<FieldError> errors, List<ParsedInput> result)
    {
        if (value.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            result.Add(new ParsedInput(true, null, value, null));
            return;
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(value);
        }
        catch (FormatException)
        {
            errors.Add(new FieldError(path, "Image must be an http(s) URL or valid base64 data", "value_error", Quote(Shorten(value))));
            return;
        }

        if (bytes.Length == 0)
        {
            errors.Add(new FieldError(path, "Image data is empty", "value_error", "\"\""));
        }
        else if (bytes.Length > EmbeddingInput.MaxImageBytes)
        {
            errors.Add(new FieldError(path, $"Image exceeds the 8MB limit ({bytes.Length} bytes)", "value_error"));
        }
        else if (!IsImage(bytes))
        {
            // A strict server cannot identify such data as an image, and says so rather than embedding it.
            errors.Add(new FieldError(path, "Cannot identify image file: the data is not in a supported image format", "value_error", Quote(Shorten(value))));
        }
        else
        {
            result.Add(new ParsedInput(true, null, null, bytes));
        }
    }

    private static bool IsImage(byte[] bytes)
    {
        try
        {
            ImageHeaderReader.Read(bytes);
            return true;
        }
        catch (JinaImageHeaderException ex)
        {
            // Only an unknown format is refused: the emulator reads headers, it does not decode pixels.
            return ex.Format is not null;
        }
    }

    private static EmbeddingType ParseType(JsonElement root, string prefix, List<FieldError> errors)
    {
        if (!root.TryGetProperty("embedding_type", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return EmbeddingType.Float;
        }

        var type = element.ValueKind == JsonValueKind.String ? ParseTypeName(element.GetString()) : null;
        if (type is null)
        {
            errors.Add(new FieldError($"{prefix} -> embedding_type", "Input should be 'float', 'base64', 'binary' or 'ubinary'", "enum", element.GetRawText()));
            return EmbeddingType.Float;
        }

        return type.Value;
    }

    private static EmbeddingType? ParseTypeName(string? value) => value switch
    {
        "float" => EmbeddingType.Float,
        "base64" => EmbeddingType.Base64,
        "binary" => EmbeddingType.Binary,
        "ubinary" => EmbeddingType.UBinary,
        _ => null,
    };

    private static int ParseDimensions(JsonElement root, ApiModel spec, string prefix, List<FieldError> errors)
    {
        if (!root.TryGetProperty("dimensions", out var element) || element.ValueKind == JsonValueKind.Null || !spec.Accepts("dimensions"))
        {
            return spec.NativeDimensions;
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out var dims))
        {
            errors.Add(new FieldError($"{prefix} -> dimensions", "Input should be a valid integer", "int_type", element.GetRawText()));
            return spec.NativeDimensions;
        }

        if (dims <= 0)
        {
            errors.Add(new FieldError($"{prefix} -> dimensions", "Input should be greater than 0", "greater_than", element.GetRawText()));
        }
        else if (dims > spec.MaxDimensions)
        {
            errors.Add(new FieldError($"{prefix} -> dimensions", $"Input should be less than or equal to {spec.MaxDimensions}", "less_than_equal", element.GetRawText()));
        }

        return dims;
    }

    internal static bool? ParseBool(JsonElement root, string name, string prefix, List<FieldError> errors)
    {
        if (!root.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return element.GetBoolean();
        }

        errors.Add(new FieldError($"{prefix} -> {name}", "Input should be a valid boolean", "bool_type", element.GetRawText()));
        return null;
    }

    private static void ParseTask(JsonElement root, ApiModel spec, string prefix, List<FieldError> errors)
    {
        if (!root.TryGetProperty("task", out var element) || element.ValueKind == JsonValueKind.Null || !spec.Accepts("task"))
        {
            return;
        }

        if (element.ValueKind != JsonValueKind.String || !spec.Tasks.Contains(element.GetString()!, StringComparer.Ordinal))
        {
            var allowed = string.Join(", ", spec.Tasks.Select(t => $"'{t}'"));
            errors.Add(new FieldError($"{prefix} -> task", $"Input should be {allowed}", "enum", element.GetRawText()));
        }
    }

    private static string Quote(string value) => $"\"{JsonEncodedText.Encode(value)}\"";

    private static string Shorten(string value) => value.Length > 40 ? string.Concat(value.AsSpan(0, 40), "...") : value;
}
