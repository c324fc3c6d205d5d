using System.Text.Encodings.Web;
using System.Text.Json;

namespace JinaClip.Wire;

/// <summary>
/// The one writer of what every request body shares, whatever its endpoint: inputs (texts, image URLs, image bytes
/// base64-encoded straight into the output), optional fields, the caller's raw fields, the body's size estimate and the
/// items' description for logs.
/// </summary>
internal static class RequestJson
{
    /// <summary>The options of every request writer.</summary>
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        // The body is JSON for an API, not HTML: keep non-ASCII text as UTF-8 instead of \uXXXX escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    /// <summary>Writes one input: a text as a plain string or as <c>{"text": …}</c>, an image as <c>{"image": URL or base64}</c>.</summary>
    public static void WriteInput(Utf8JsonWriter writer, PreparedInput input, bool textAsPlainString)
    {
        if (input.Kind == EmbeddingInputKind.Text && textAsPlainString)
        {
            writer.WriteStringValue(input.Value);
            return;
        }

        writer.WriteStartObject();
        WriteInputField(writer, input);
        writer.WriteEndObject();
    }

    /// <summary>Writes an input as the one field of an open object: <c>"text": …</c>, or <c>"image": URL or base64</c>.</summary>
    public static void WriteInputField(Utf8JsonWriter writer, PreparedInput input)
    {
        if (input.Kind == EmbeddingInputKind.Text)
        {
            writer.WriteString("text", input.Value);
        }
        else if (input.IsImageData)
        {
            writer.WriteBase64String("image", input.ImageData.Span);
        }
        else
        {
            writer.WriteString("image", input.Value);
        }
    }

    /// <summary>Writes an array of inputs under <paramref name="name"/>.</summary>
    public static void WriteInputs(Utf8JsonWriter writer, string name, PreparedInput[] inputs, bool textAsPlainString)
    {
        writer.WriteStartArray(name);
        foreach (var input in inputs)
        {
            WriteInput(writer, input, textAsPlainString);
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes a boolean field only when it is set.</summary>
    public static void WriteOptional(Utf8JsonWriter writer, string name, bool? value)
    {
        if (value is { } v)
        {
            writer.WriteBoolean(name, v);
        }
    }

    /// <summary>Writes a number field only when it is set.</summary>
    public static void WriteOptional(Utf8JsonWriter writer, string name, int? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
    }

    /// <summary>Writes a string field only when it is set.</summary>
    public static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    /// <summary>Writes the caller's raw fields verbatim, after the SDK's own: for fields this SDK does not know yet.</summary>
    public static void WriteRawFields(Utf8JsonWriter writer, KeyValuePair<string, JsonElement>[] fields)
    {
        foreach (var field in fields)
        {
            writer.WritePropertyName(field.Key);
            writer.WriteRawValue(field.Value.GetRawText(), skipInputValidation: true);
        }
    }

    /// <summary>
    /// An upper estimate of the bytes the inputs and raw fields take, so a body's buffer is rented once: base64 is 4/3 of
    /// the bytes, and a char takes at most <paramref name="bytesPerChar"/> bytes (3 as UTF-8, 6 where it may be escaped).
    /// </summary>
    public static long EstimateSize(PreparedInput[] inputs, KeyValuePair<string, JsonElement>[] fields, int bytesPerChar)
    {
        var size = 0L;
        foreach (var field in fields)
        {
            size += 8 + ((field.Key.Length + field.Value.GetRawText().Length) * 6L);
        }

        foreach (var input in inputs)
        {
            size += 16 + (input.IsImageData ? ((input.ImageData.Length + 2) / 3 * 4) : ((input.Value?.Length ?? 0) * (long)bytesPerChar));
        }

        return size;
    }

    /// <summary>Describes inputs for a Trace log: texts as they are, images by kind and size, never bytes.</summary>
    public static string DescribeInputs(IEnumerable<PreparedInput> inputs) => string.Join(" | ", inputs.Select(i => i.Kind switch
    {
        EmbeddingInputKind.Text => i.Value,
        EmbeddingInputKind.ImageUrl => $"image {i.Value}",
        EmbeddingInputKind.ImageBytes or EmbeddingInputKind.ImageFile or EmbeddingInputKind.ImageStream => $"image ({i.Kind}, {i.ImageData.Length} bytes)",
    }));
}
