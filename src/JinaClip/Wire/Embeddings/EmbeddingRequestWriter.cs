using System.Buffers;
using System.Text.Json;

namespace JinaClip.Wire;

/// <summary>
/// Writes the request body with <see cref="Utf8JsonWriter"/>: image bytes are base64-encoded straight into the
/// output buffer, and only the fields the caller set are written.
/// </summary>
internal static class EmbeddingRequestWriter
{
    /// <summary>The fields the SDK writes itself; a raw field of the same name is refused.</summary>
    public static readonly string[] WrittenFields =
        ["model", "input", "embedding_type", "task", "dimensions", "normalized", "late_chunking", "truncate"];

    /// <summary>An upper estimate of the body's size, so the buffer is rented once: base64 is 4/3 of the bytes, UTF-8 at most 3 a char.</summary>
    public static int EstimateSize(EmbeddingRequest request)
    {
        var size = 256 + (request.Model.Length * 3L) + (request.Task?.Length ?? 0) + RequestJson.EstimateSize(request.Inputs, request.AdditionalFields, bytesPerChar: 3);
        return (int)Math.Min(size, Array.MaxLength);
    }

    public static void Write(EmbeddingRequest request, IBufferWriter<byte> output)
    {
        using var writer = new Utf8JsonWriter(output, RequestJson.WriterOptions);
        writer.WriteStartObject();
        writer.WriteString("model", request.Model);
        RequestJson.WriteInputs(writer, "input", request.Inputs, request.TextAsPlainString);
        writer.WriteString("embedding_type", WireNames.Of(request.WireType));
        RequestJson.WriteOptional(writer, "task", request.Task);
        RequestJson.WriteOptional(writer, "dimensions", request.Dimensions);
        RequestJson.WriteOptional(writer, "normalized", request.Normalized);
        RequestJson.WriteOptional(writer, "late_chunking", request.LateChunking);
        RequestJson.WriteOptional(writer, "truncate", request.Truncate);
        RequestJson.WriteRawFields(writer, request.AdditionalFields);
        writer.WriteEndObject();
        writer.Flush();
    }
}
