using System.Text.Json.Serialization;

namespace JinaClip.Wire;

/// <summary>Source-generated metadata for the JSON this library deserializes with <see cref="System.Text.Json.JsonSerializer"/>.</summary>
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = false)]
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(List<FieldErrorBody>))]
internal sealed partial class JinaJsonContext : JsonSerializerContext;
