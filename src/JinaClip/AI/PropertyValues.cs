using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using JinaClip.Wire;

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

    /// <summary>Writes a value as the JSON of a raw request field (the writing is <c>Wire</c>'s).</summary>
    public static JsonElement ToJson(string key, object? value, string paramName) => JsonValues.ToJson(key, value, paramName);

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
