using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace JinaClip.Wire;

/// <summary>
/// Writes the request body with <see cref="Utf8JsonWriter"/>: image bytes are base64-encoded straight into the
/// output buffer, and only the fields the caller set are written.
/// </summary>
internal static class EmbeddingRequestWriter
{
    internal static readonly JsonWriterOptions WriterOptions = new()
    {
        // The body is JSON for an API, not HTML: keep non-ASCII text as UTF-8 instead of \uXXXX escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    /// <summary>An upper estimate of the body's size, so the buffer is rented once: base64 is 4/3 of the bytes, UTF-8 at most 3 a char.</summary>
    public static int EstimateSize(EmbeddingRequest request)
    {
        long size = 256 + (request.Model.Length * 3) + (request.Task?.Length ?? 0);
        foreach (var field in request.AdditionalFields)
        {
            size += 8 + ((field.Key.Length + field.Value.GetRawText().Length) * 6L);
        }

        foreach (var input in request.Inputs)
        {
            size += 16 + (input.IsImageData ? ((input.ImageData.Length + 2) / 3 * 4) : ((input.Value?.Length ?? 0) * 3L));
        }

        return (int)Math.Min(size, Array.MaxLength);
    }

    public static void Write(EmbeddingRequest request, IBufferWriter<byte> output)
    {
        using var writer = new Utf8JsonWriter(output, WriterOptions);
        writer.WriteStartObject();
        writer.WriteString("model", request.Model);
        writer.WriteStartArray("input");
        foreach (var input in request.Inputs)
        {
            if (input.Kind == EmbeddingInputKind.Text)
            {
                if (request.TextAsPlainString)
                {
                    writer.WriteStringValue(input.Value);
                }
                else
                {
                    writer.WriteStartObject();
                    writer.WriteString("text", input.Value);
                    writer.WriteEndObject();
                }
            }
            else
            {
                writer.WriteStartObject();
                if (input.IsImageData)
                {
                    writer.WriteBase64String("image", input.ImageData.Span);
                }
                else
                {
                    writer.WriteString("image", input.Value);
                }

                writer.WriteEndObject();
            }
        }

        writer.WriteEndArray();
        writer.WriteString("embedding_type", WireNames.Of(request.WireType));
        if (request.Task is not null)
        {
            writer.WriteString("task", request.Task);
        }

        if (request.Dimensions is { } dimensions)
        {
            writer.WriteNumber("dimensions", dimensions);
        }

        WriteOptional(writer, "normalized", request.Normalized);
        WriteOptional(writer, "late_chunking", request.LateChunking);
        WriteOptional(writer, "truncate", request.Truncate);
        foreach (var field in request.AdditionalFields)
        {
            // Verbatim: the caller's JSON value as it was given, for fields this SDK does not know yet.
            writer.WritePropertyName(field.Key);
            writer.WriteRawValue(field.Value.GetRawText(), skipInputValidation: true);
        }

        writer.WriteEndObject();
        writer.Flush();
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, bool? value)
    {
        if (value is { } v)
        {
            writer.WriteBoolean(name, v);
        }
    }
}
