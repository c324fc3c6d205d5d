using System.Text.Json;

namespace JinaClip.Testing.Emulator;

/// <summary>Validates a rerank body as the API does: 400 for an unknown model, 422 with field errors otherwise.</summary>
internal static class RerankParser
{
    public static (RerankRequest? Request, int Status, string? Detail, List<FieldError> Errors) Parse(byte[] body)
    {
        var errors = new List<FieldError>();
        using var document = JsonBody.Parse(body, errors);
        if (document is null || JsonBody.Model(document.RootElement, errors) is not { } name)
        {
            return (null, 422, null, errors);
        }

        var root = document.RootElement;
        if (ApiReranker.Find(name) is not { } model)
        {
            return (null, 400, $"Model '{name}' not found. Available models: {string.Join(", ", ApiReranker.All.Select(r => r.Name))}", errors);
        }

        var prefix = $"body -> {name}";
        foreach (var property in root.EnumerateObject())
        {
            var known = property.Name is "model" or "query" or "documents" or "top_n" or "return_documents" or "truncation"
                || (model.V3Fields && property.Name is "max_doc_length" or "return_embeddings");
            if (!known)
            {
                errors.Add(new FieldError($"{prefix} -> {property.Name}", "Extra inputs are not permitted", "extra_forbidden", property.Value.GetRawText()));
            }
        }

        string? query = null;
        if (!root.TryGetProperty("query", out var queryElement))
        {
            errors.Add(new FieldError($"{prefix} -> query", "Field required", "missing"));
        }
        else if (queryElement.ValueKind != JsonValueKind.String)
        {
            errors.Add(new FieldError($"{prefix} -> query", "Input should be a valid string", "string_type", queryElement.GetRawText()));
        }
        else
        {
            query = queryElement.GetString();
        }

        var (documents, raw) = ParseDocuments(root, model, prefix, errors);
        var topN = ParseInt(root, "top_n", 1, int.MaxValue, prefix, errors);
        ParseInt(root, "max_doc_length", 1, 8192, prefix, errors);
        var returnDocuments = RequestParser.ParseBool(root, "return_documents", prefix, errors) ?? true;
        RequestParser.ParseBool(root, "truncation", prefix, errors);
        var returnEmbeddings = RequestParser.ParseBool(root, "return_embeddings", prefix, errors) ?? false;
        return errors.Count > 0
            ? (null, 422, null, errors)
            : (new RerankRequest(model, query!, documents, raw, topN, returnDocuments, returnEmbeddings), 200, null, errors);
    }

    private static (List<ParsedInput> Documents, List<string> Raw) ParseDocuments(JsonElement root, ApiReranker model, string prefix, List<FieldError> errors)
    {
        var documents = new List<ParsedInput>();
        var raw = new List<string>();
        if (!root.TryGetProperty("documents", out var array) || array.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new FieldError($"{prefix} -> documents", array.ValueKind == JsonValueKind.Undefined ? "Field required" : "Input should be a valid list",
                array.ValueKind == JsonValueKind.Undefined ? "missing" : "list_type"));
            return (documents, raw);
        }

        if (array.GetArrayLength() == 0)
        {
            errors.Add(new FieldError($"{prefix} -> documents", "List should have at least 1 item after validation, not 0", "too_short", "[]"));
        }

        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            var path = $"{prefix} -> documents -> {i++}";
            if (item.ValueKind == JsonValueKind.String)
            {
                documents.Add(new ParsedInput(false, item.GetString(), null, null));
                raw.Add(item.GetString()!);
            }
            else if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
            {
                documents.Add(new ParsedInput(false, text.GetString(), null, null));
                raw.Add(text.GetString()!);
            }
            else if (model.Images && item.ValueKind == JsonValueKind.Object && item.TryGetProperty("image", out var image) && image.ValueKind == JsonValueKind.String)
            {
                RequestParser.AddImage(image.GetString()!, $"{path} -> image", errors, documents);
                raw.Add(image.GetString()!);
            }
            else
            {
                errors.Add(new FieldError(path, model.Images ? "Input should be a valid string, text document or image document" : "Input should be a valid string or text document",
                    "union_tag_invalid", item.GetRawText()));
            }
        }

        return (documents, raw);
    }

    private static int? ParseInt(JsonElement root, string name, int min, int max, string prefix, List<FieldError> errors)
    {
        if (!root.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out var value))
        {
            errors.Add(new FieldError($"{prefix} -> {name}", "Input should be a valid integer", "int_type", element.GetRawText()));
            return null;
        }

        if (value < min || value > max)
        {
            errors.Add(new FieldError($"{prefix} -> {name}", value < min ? $"Input should be greater than or equal to {min}" : $"Input should be less than or equal to {max}",
                value < min ? "greater_than_equal" : "less_than_equal", element.GetRawText()));
            return null;
        }

        return value;
    }
}
