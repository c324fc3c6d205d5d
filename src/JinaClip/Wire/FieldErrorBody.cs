using System.Text.Json;
using System.Text.Json.Serialization;

namespace JinaClip.Wire;

/// <summary>One entry of a 422's <c>errors</c> (current shape) or of a legacy <c>detail</c> list (<c>loc</c>, <c>msg</c>, <c>type</c>).</summary>
internal sealed class FieldErrorBody
{
    [JsonPropertyName("field")]
    public string? Field { get; set; }

    [JsonPropertyName("message")]
    public string? Message { get; set; }

    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("loc")]
    public List<JsonElement>? Loc { get; set; }

    [JsonPropertyName("msg")]
    public string? Msg { get; set; }

    /// <summary>Builds the public error with <paramref name="apiKey"/> scrubbed from every string the server sent.</summary>
    public ApiFieldError ToPublic(string apiKey) =>
        new(
            SecretScrubber.Scrub(Field ?? (Loc is null ? null : string.Join(" -> ", Loc.Select(l => l.ToString()))), apiKey),
            SecretScrubber.Scrub(Message ?? Msg, apiKey),
            SecretScrubber.Scrub(Type, apiKey));
}
