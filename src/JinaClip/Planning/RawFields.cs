using System.Text.Json;

namespace JinaClip.Planning;

/// <summary>Checks a call's raw request fields (<c>AdditionalRequestFields</c>) before anything is sent.</summary>
internal static class RawFields
{
    /// <summary>Returns the fields in order, or throws naming the first that cannot be sent.</summary>
    /// <param name="fields">The caller's fields, or <see langword="null"/>.</param>
    /// <param name="written">The fields the SDK writes itself, which a raw field may not repeat.</param>
    /// <param name="optionsType">The options type, for messages (<c>EmbeddingOptions</c>, <c>RerankOptions</c>).</param>
    /// <param name="paramName">The parameter the options came in.</param>
    /// <exception cref="ArgumentException">A field has no name, repeats a field the SDK writes, or holds no JSON value.</exception>
    public static KeyValuePair<string, JsonElement>[] Check(IDictionary<string, JsonElement>? fields, string[] written, string optionsType, string paramName)
    {
        if (fields is not { Count: > 0 })
        {
            return [];
        }

        var result = new KeyValuePair<string, JsonElement>[fields.Count];
        var i = 0;
        foreach (var field in fields)
        {
            if (string.IsNullOrEmpty(field.Key))
            {
                throw new ArgumentException($"{optionsType}.AdditionalRequestFields has an empty field name.", paramName);
            }

            if (Array.IndexOf(written, field.Key) >= 0)
            {
                throw new ArgumentException(
                    $"{optionsType}.AdditionalRequestFields has '{field.Key}', a field the SDK writes itself; set it through its {optionsType} property.",
                    paramName);
            }

            if (field.Value.ValueKind == JsonValueKind.Undefined)
            {
                throw new ArgumentException($"{optionsType}.AdditionalRequestFields['{field.Key}'] holds no JSON value (a default JsonElement).", paramName);
            }

            result[i++] = field;
        }

        return result;
    }
}
