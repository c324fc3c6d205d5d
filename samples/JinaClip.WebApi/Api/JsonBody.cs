using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace JinaClip.WebApi.Api;

/// <summary>
/// Reads a JSON request body and, when it cannot, says why in the API's words: no or another content type (415), an empty
/// body, malformed JSON, a field the endpoint does not take or a value of the wrong type (400), or a body over 1 MiB (413).
/// The endpoints turn that into an <c>application/problem+json</c> answer.
/// </summary>
internal static class JsonBody
{
    private const int MaxBytes = 1 << 20;

    public static async Task<BodyResult<T>> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> type, string example, CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            var given = string.IsNullOrEmpty(request.ContentType) ? "The request has no Content-Type" : $"The Content-Type is '{request.ContentType}'";
            return Fail<T>(StatusCodes.Status415UnsupportedMediaType, $"{given}; send the body as JSON with 'Content-Type: application/json', for example {example}.");
        }

        var body = await ReadBoundedAsync(request.Body, cancellationToken);
        if (body is null)
        {
            return Fail<T>(StatusCodes.Status413PayloadTooLarge, $"The body is over {MaxBytes / (1 << 20)} MiB.");
        }

        if (body.Length == 0)
        {
            return Fail<T>(StatusCodes.Status400BadRequest, $"The request body is empty; send a JSON object, for example {example}.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            return Fail<T>(StatusCodes.Status400BadRequest, $"The body is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}); send a JSON object, for example {example}.");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Fail<T>(StatusCodes.Status400BadRequest, $"The body must be a JSON object, not {Kind(root)}; for example {example}.");
            }

            foreach (var field in root.EnumerateObject())
            {
                var member = type.Properties.FirstOrDefault(p => p.Name == field.Name);
                if (member is null)
                {
                    return Fail<T>(StatusCodes.Status400BadRequest, $"'{field.Name}' is not a field of this request; it takes {string.Join(", ", type.Properties.Select(p => $"'{p.Name}'"))}.");
                }

                if (!Fits(field.Value, member.PropertyType))
                {
                    return Fail<T>(StatusCodes.Status400BadRequest, $"'{field.Name}' must be {Expected(member.PropertyType)}, not {Kind(field.Value)}.");
                }
            }

            try
            {
                return new BodyResult<T>(root.Deserialize(type), 0, null);
            }
            catch (JsonException ex)
            {
                return Fail<T>(StatusCodes.Status400BadRequest, $"'{ex.Path?.TrimStart('$', '.')}' has a value out of range.");
            }
        }
    }

    private static BodyResult<T> Fail<T>(int status, string problem)
        where T : class => new(null, status, problem);

    private static async Task<byte[]?> ReadBoundedAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static bool Fits(JsonElement value, Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (value.ValueKind == JsonValueKind.Null)
        {
            return underlying is not null || !type.IsValueType;
        }

        type = underlying ?? type;
        return type switch
        {
            _ when type == typeof(JsonElement) => true,
            _ when type == typeof(string) => value.ValueKind == JsonValueKind.String,
            _ when type == typeof(int) => value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out _),
            _ when type == typeof(bool) => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
            _ when type == typeof(string[]) => value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String),
            _ => false,
        };
    }

    private static string Expected(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(string) => "a string",
        var t when t == typeof(int) => "a whole number",
        var t when t == typeof(bool) => "true or false",
        var t when t == typeof(string[]) => "a list of strings",
        _ => "another kind of value",
    };

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => value.TryGetInt32(out _) ? "a number" : "a number that is not a whole number in range",
        JsonValueKind.True or JsonValueKind.False => "true or false",
        JsonValueKind.Array => value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String) ? "a list" : "a list holding something other than strings",
        JsonValueKind.Object => "an object",
        _ => "null",
    };
}
