using System.Runtime.InteropServices;
using System.Text.Json;

namespace JinaClip.Testing.Emulator;

/// <summary>Writes a success body: <c>{model, object, usage, data[]}</c>, each embedding in the requested type.</summary>
internal static class ResponseWriter
{
    public static byte[] Write(string model, IReadOnlyList<(int Index, float[] Vector)> items, EmbeddingType type, int totalTokens, int? imageTokens)
    {
        // Sized up front from the vectors (base64 is 4/3 of 4 bytes a float; JSON floats ~12 chars): no regrowth copies.
        var perItem = items.Count == 0 ? 0 : 64 + (items[0].Vector.Length * (type == EmbeddingType.Float ? 14 : 6));
        using var buffer = new MemoryStream(256 + (items.Count * perItem));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("model", model);
            writer.WriteString("object", "list");
            writer.WriteStartObject("usage");
            writer.WriteNumber("total_tokens", totalTokens);
            writer.WriteNumber("prompt_tokens", totalTokens);
            if (imageTokens is { } image)
            {
                writer.WriteNumber("image_tokens", image);
            }

            writer.WriteEndObject();
            writer.WriteStartArray("data");
            foreach (var (index, vector) in items)
            {
                writer.WriteStartObject();
                writer.WriteString("object", "embedding");
                writer.WriteNumber("index", index);
                writer.WritePropertyName("embedding");
                WriteEmbedding(writer, vector, type);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteEmbedding(Utf8JsonWriter writer, float[] vector, EmbeddingType type)
    {
        switch (type)
        {
            case EmbeddingType.Base64:
                if (BitConverter.IsLittleEndian)
                {
                    writer.WriteBase64StringValue(MemoryMarshal.AsBytes(vector.AsSpan()));
                    break;
                }

                var bytes = MemoryMarshal.AsBytes(vector.AsSpan()).ToArray();
                for (var i = 0; i < bytes.Length; i += 4)
                {
                    Array.Reverse(bytes, i, 4);
                }

                writer.WriteBase64StringValue(bytes);
                break;
            case EmbeddingType.Binary:
            case EmbeddingType.UBinary:
                writer.WriteStartArray();
                foreach (var packed in PackSigns(vector))
                {
                    writer.WriteNumberValue(type == EmbeddingType.Binary ? packed - 128 : packed);
                }

                writer.WriteEndArray();
                break;
            case EmbeddingType.Float:
                writer.WriteStartArray();
                foreach (var value in vector)
                {
                    writer.WriteNumberValue(value);
                }

                writer.WriteEndArray();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, "An embedding type the emulator does not write.");
        }
    }

    /// <summary>Packs one bit per dimension (1 where the value is positive), most significant bit first.</summary>
    private static byte[] PackSigns(float[] vector)
    {
        var packed = new byte[(vector.Length + 7) / 8];
        for (var i = 0; i < vector.Length; i++)
        {
            if (vector[i] > 0)
            {
                packed[i / 8] |= (byte)(0x80 >> (i % 8));
            }
        }

        return packed;
    }
}
