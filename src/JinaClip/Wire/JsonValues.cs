using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace JinaClip.Wire;

/// <summary>Turns a caller's .NET value (from M.E.AI's additional properties) into the JSON of a raw request field, without reflection.</summary>
internal static class JsonValues
{
    /// <summary>Writes a value as the JSON of a raw request field.</summary>
    public static JsonElement ToJson(string key, object? value, string paramName)
    {
        if (value is JsonElement element)
        {
            return element.ValueKind == JsonValueKind.Undefined
                ? throw new ArgumentException($"Additional property '{key}' holds no JSON value (a default JsonElement).", paramName)
                : element;
        }

        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            switch (value)
            {
                case null: writer.WriteNullValue(); break;
                case string s: writer.WriteStringValue(s); break;
                case bool b: writer.WriteBooleanValue(b); break;
                case int i: writer.WriteNumberValue(i); break;
                case long l: writer.WriteNumberValue(l); break;
                case short i: writer.WriteNumberValue(i); break;
                case byte i: writer.WriteNumberValue(i); break;
                case uint i: writer.WriteNumberValue(i); break;
                case ulong i: writer.WriteNumberValue(i); break;
                case float f when !float.IsNaN(f) && !float.IsInfinity(f): writer.WriteNumberValue(f); break;
                case double d when !double.IsNaN(d) && !double.IsInfinity(d): writer.WriteNumberValue(d); break;
                case decimal m: writer.WriteNumberValue(m); break;
                case JsonNode node: node.WriteTo(writer); break;
                default:
                    throw new ArgumentException(
                        $"Additional property '{key}' holds a {value.GetType().Name} ({Convert.ToString(value, CultureInfo.InvariantCulture)}), which cannot be sent as a request field without reflection; pass a string, a boolean, a finite number or a JsonElement.",
                        paramName);
            }
        }

        using var document = JsonDocument.Parse(buffer.ToArray());
        return document.RootElement.Clone();
    }

}
