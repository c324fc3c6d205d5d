using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace JinaClip.AI;

/// <summary>
/// Reads one additional property's value as users pass it: a CLR value, or a <see cref="JsonElement"/> /
/// <see cref="JsonNode"/> when the options were read from JSON configuration. No reflection: trim and AOT safe.
/// </summary>
internal static class PropertyValues
{
    public static string AsString(string key, object? value, string expected, string paramName) => value switch
    {
        string s => s,
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString()!,
        JsonValue node when node.TryGetValue<string>(out var s) => s,
        _ => throw Bad(key, value, expected, paramName),
    };

    public static bool AsBool(string key, object? value, string paramName) => value switch
    {
        bool b => b,
        string s when bool.TryParse(s, out var parsed) => parsed,
        JsonElement { ValueKind: JsonValueKind.True } => true,
        JsonElement { ValueKind: JsonValueKind.False } => false,
        JsonElement { ValueKind: JsonValueKind.String } e when bool.TryParse(e.GetString(), out var parsed) => parsed,
        JsonValue node when node.TryGetValue<bool>(out var b) => b,
        _ => throw Bad(key, value, "true or false", paramName),
    };

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

    private static ArgumentException Bad(string key, object? value, string expected, string paramName)
    {
        var shown = value switch
        {
            null => "null",
            JsonElement e => $"the JSON {e.ValueKind.ToString().ToLowerInvariant()} {e.GetRawText()}",
            JsonNode n => $"the JSON {n.ToJsonString()}",
            _ => Convert.ToString(value, CultureInfo.InvariantCulture),
        };
        return new ArgumentException($"Additional property '{key}' is {shown}; expected {expected}.", paramName);
    }
}
