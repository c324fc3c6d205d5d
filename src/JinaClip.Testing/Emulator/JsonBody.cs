using System.Text.Json;

namespace JinaClip.Testing.Emulator;

/// <summary>Parses a request body as the API's validation does: JSON that is an object, or a 422 field error for <c>body</c>.</summary>
internal static class JsonBody
{
    /// <summary>Returns the document, or <see langword="null"/> with the error added to <paramref name="errors"/>.</summary>
    public static JsonDocument? Parse(byte[] body, List<FieldError> errors)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            errors.Add(new FieldError("body", $"JSON decode error: {ex.Message}", "json_invalid"));
            return null;
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            errors.Add(new FieldError("body", "Input should be a valid dictionary", "model_attributes_type"));
            return null;
        }

        return document;
    }

    /// <summary>Reads the <c>model</c> discriminator, or adds the 422 error for a missing one.</summary>
    public static string? Model(JsonElement root, List<FieldError> errors)
    {
        if (root.TryGetProperty("model", out var model) && model.ValueKind == JsonValueKind.String)
        {
            return model.GetString();
        }

        errors.Add(new FieldError("body -> model", "Field required", "missing"));
        return null;
    }
}
