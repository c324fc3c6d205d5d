using System.Globalization;
using System.Net;
using System.Text.Json;

namespace JinaClip.Wire;

/// <summary>Reads the API's <c>ModelListResponse</c> and <c>ModelInfo</c>; a missing or mistyped field is named in the error.</summary>
internal static class ModelInfoReader
{
    public static List<ModelInfo> ReadList(JsonElement root, HttpStatusCode status)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
        {
            throw new JinaInvalidResponseException("The model catalogue response has no 'data' array.", status);
        }

        var models = new List<ModelInfo>(data.GetArrayLength());
        var i = 0;
        foreach (var item in data.EnumerateArray())
        {
            models.Add(ReadOne(item, $"model {i++} of 'data'", status));
        }

        return models;
    }

    public static ModelInfo ReadOne(JsonElement item, string what, HttpStatusCode status)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw new JinaInvalidResponseException($"The model catalogue's {what} is a JSON {item.ValueKind}; expected an object.", status);
        }

        var id = String(item, "id", what, status, required: true)!;
        var pricing = item.TryGetProperty("pricing", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
        return new ModelInfo(
            id,
            String(item, "name", what, status, required: false) ?? id,
            Int(item, "context_length", what, status),
            Int(item, "max_output_length", what, status),
            Strings(item, "input_modalities", what, status),
            Strings(item, "output_modalities", what, status),
            Price(pricing, "prompt", id, status),
            Price(pricing, "image", id, status),
            Price(pricing, "request", id, status),
            String(item, "description", what, status, required: false));
    }

    private static string? String(JsonElement item, string name, string what, HttpStatusCode status, bool required)
    {
        if (!item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return required ? throw new JinaInvalidResponseException($"The model catalogue's {what} has no '{name}'.", status) : null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new JinaInvalidResponseException($"The model catalogue's {what} has a '{name}' that is a JSON {value.ValueKind}; expected a string.", status);
    }

    private static int Int(JsonElement item, string name, string what, HttpStatusCode status)
    {
        if (!item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return 0;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= 0
            ? number
            : throw new JinaInvalidResponseException($"The model catalogue's {what} has '{name}' = {value.GetRawText()}; expected a whole number.", status);
    }

    private static string[] Strings(JsonElement item, string name, string what, HttpStatusCode status)
    {
        if (!item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
        {
            throw new JinaInvalidResponseException($"The model catalogue's {what} has a '{name}' that is not an array of strings.", status);
        }

        return [.. value.EnumerateArray().Select(v => v.GetString()!)];
    }

    private static decimal? Price(JsonElement pricing, string name, string id, HttpStatusCode status)
    {
        if (pricing.ValueKind != JsonValueKind.Object || !pricing.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        // The API writes prices as strings of USD amounts ("0.00000005"); a number is read too.
        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
        if (text is not null && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var price) && price >= 0)
        {
            return price;
        }

        throw new JinaInvalidResponseException($"The model catalogue gives {id} the price 'pricing.{name}' = {value.GetRawText()}; expected a non-negative USD amount.", status);
    }
}
