using System.Text.Json;
using System.Text.Json.Serialization;

namespace JinaClip.Wire;

/// <summary>The API's error body: <c>{detail, code, request_id}</c>, or for 422 <c>{detail, errors[]}</c>; legacy 422s put a list in <c>detail</c>.</summary>
internal sealed class ErrorBody
{
    [JsonPropertyName("detail")]
    public JsonElement Detail { get; set; }

    [JsonPropertyName("code")]
    public string? Code { get; set; }

    [JsonPropertyName("request_id")]
    public string? RequestId { get; set; }

    [JsonPropertyName("errors")]
    public List<FieldErrorBody>? Errors { get; set; }
}
