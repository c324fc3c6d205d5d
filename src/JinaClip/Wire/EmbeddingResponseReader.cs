using System.Net;
using System.Text.Json;

namespace JinaClip.Wire;

/// <summary>
/// Reads a success body with <see cref="Utf8JsonReader"/>, decoding vectors straight into their final arrays, and
/// checks that there is exactly one embedding per input, with indices 0..n-1 and the expected length.
/// </summary>
internal static class EmbeddingResponseReader
{
    public static JinaEmbeddingCollection Read(ReadOnlySpan<byte> body, EmbeddingRequest request, HttpStatusCode status)
    {
        try
        {
            return ReadCore(body, request, status);
        }
        catch (JsonException ex)
        {
            throw new JinaInvalidResponseException($"The embeddings response is not valid JSON: {ex.Message}", status, ex);
        }
        catch (FormatException ex)
        {
            throw new JinaInvalidResponseException($"The embeddings response holds a malformed embedding: {ex.Message}", status, ex);
        }
        catch (InvalidOperationException ex)
        {
            throw new JinaInvalidResponseException($"The embeddings response has a value of the wrong type: {ex.Message}", status, ex);
        }
    }

    private static JinaEmbeddingCollection ReadCore(ReadOnlySpan<byte> body, EmbeddingRequest request, HttpStatusCode status)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 16 });
        Expect(ref reader, JsonTokenType.StartObject, "the response", status);

        string? model = null;
        var usage = EmbeddingUsage.Empty;
        List<JinaEmbedding>? items = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("model"u8))
            {
                reader.Read();
                model = reader.GetString();
            }
            else if (reader.ValueTextEquals("usage"u8))
            {
                usage = ReadUsage(ref reader, status);
            }
            else if (reader.ValueTextEquals("data"u8))
            {
                items = ReadData(ref reader, request, status);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            throw new JinaInvalidResponseException($"The embeddings response has an unexpected {reader.TokenType} where a property name belongs.", status);
        }

        if (items is null)
        {
            throw new JinaInvalidResponseException("The embeddings response has no 'data' array.", status);
        }

        return new JinaEmbeddingCollection(Order(items, request, status), model ?? request.Model, usage);
    }

    private static EmbeddingUsage ReadUsage(ref Utf8JsonReader reader, HttpStatusCode status)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return EmbeddingUsage.Empty;
        }

        Expect(ref reader, JsonTokenType.StartObject, "'usage'", status, alreadyRead: true);
        int? total = null, prompt = null, image = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("total_tokens"u8))
            {
                total = ReadOptionalInt(ref reader);
            }
            else if (reader.ValueTextEquals("prompt_tokens"u8))
            {
                prompt = ReadOptionalInt(ref reader);
            }
            else if (reader.ValueTextEquals("image_tokens"u8))
            {
                image = ReadOptionalInt(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return new EmbeddingUsage(total, prompt, image);
    }

    private static int? ReadOptionalInt(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.Null ? null : reader.GetInt32();
    }

    private static List<JinaEmbedding> ReadData(ref Utf8JsonReader reader, EmbeddingRequest request, HttpStatusCode status)
    {
        reader.Read();
        Expect(ref reader, JsonTokenType.StartArray, "'data'", status, alreadyRead: true);
        var items = new List<JinaEmbedding>(request.Inputs.Length);
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            items.Add(ReadItem(ref reader, request, status, items.Count));
        }

        if (reader.TokenType != JsonTokenType.EndArray)
        {
            throw new JinaInvalidResponseException($"Item {items.Count} of 'data' is a JSON {reader.TokenType}, not an object.", status);
        }

        return items;
    }

    private static JinaEmbedding ReadItem(ref Utf8JsonReader reader, EmbeddingRequest request, HttpStatusCode status, int position)
    {
        int? index = null;
        float[]? floats = null;
        byte[]? bits = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("index"u8))
            {
                reader.Read();
                index = reader.GetInt32();
            }
            else if (reader.ValueTextEquals("embedding"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String)
                {
                    floats = Base64Floats.Decode(ref reader);
                }
                else if (reader.TokenType == JsonTokenType.StartArray && request.IsBinary)
                {
                    bits = ReadBits(ref reader, request.WireType);
                }
                else if (reader.TokenType == JsonTokenType.StartArray)
                {
                    floats = ReadFloats(ref reader, request.ExpectedDimensions ?? 1024);
                }
                else
                {
                    throw new JinaInvalidResponseException(
                        $"Item {position} of 'data' has an embedding of JSON type {reader.TokenType}; expected a base64 string or an array.", status);
                }
            }
            else if (reader.ValueTextEquals("embeddings"u8))
            {
                throw new JinaInvalidResponseException(
                    $"Item {position} of 'data' holds multi-vector 'embeddings', which this client does not read.", status);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (index is null)
        {
            throw new JinaInvalidResponseException($"Item {position} of 'data' has no 'index'.", status);
        }

        if (index < 0)
        {
            throw new JinaInvalidResponseException($"Item {position} of 'data' has a negative index {index}.", status);
        }

        if (bits is not null)
        {
            return new JinaEmbedding(index.Value, bits, request.WireType);
        }

        if (floats is null)
        {
            throw new JinaInvalidResponseException($"Item {position} of 'data' has no 'embedding'.", status);
        }

        if (request.IsBinary)
        {
            throw new JinaInvalidResponseException(
                $"Item {position} of 'data' holds float values, but {WireNames.Of(request.WireType)} (integers) was requested.", status);
        }

        return new JinaEmbedding(index.Value, floats);
    }

    private static float[] ReadFloats(ref Utf8JsonReader reader, int capacity)
    {
        var values = new List<float>(capacity);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            values.Add(reader.GetSingle());
        }

        return [.. values];
    }

    private static byte[] ReadBits(ref Utf8JsonReader reader, EmbeddingType type)
    {
        var values = new List<byte>(128);
        var offset = type == EmbeddingType.Binary ? 128 : 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var packed = reader.GetInt32() + offset;
            if (packed is < 0 or > 255)
            {
                throw new FormatException(
                    $"The {WireNames.Of(type)} value {packed - offset} is out of range ({(type == EmbeddingType.Binary ? "-128..127" : "0..255")}).");
            }

            values.Add((byte)packed);
        }

        return [.. values];
    }

    private static JinaEmbedding[] Order(List<JinaEmbedding> items, EmbeddingRequest request, HttpStatusCode status)
    {
        var count = request.Inputs.Length;
        if (items.Count != count)
        {
            throw new JinaInvalidResponseException(
                $"The response holds {items.Count} embeddings for {count} inputs; every input must have exactly one.", status);
        }

        var ordered = new JinaEmbedding[count];
        foreach (var item in items)
        {
            if (item.Index >= count)
            {
                throw new JinaInvalidResponseException(
                    $"The response has an embedding with index {item.Index}, but the request had only {count} inputs (0..{count - 1}).", status);
            }

            if (ordered[item.Index] is not null)
            {
                throw new JinaInvalidResponseException($"The response has two embeddings with index {item.Index}.", status);
            }

            ordered[item.Index] = item;
        }

        CheckLengths(ordered, request, status);
        return ordered;
    }

    private static void CheckLengths(JinaEmbedding[] ordered, EmbeddingRequest request, HttpStatusCode status)
    {
        var expected = request.ExpectedDimensions;
        var unit = request.IsBinary ? "bits" : "dimensions";
        foreach (var item in ordered)
        {
            var length = request.IsBinary ? item.GetPackedBits().Length : item.GetVector().Length;
            var wanted = expected is { } d ? (request.IsBinary ? (d + 7) / 8 : d) : (request.IsBinary ? ordered[0].GetPackedBits().Length : ordered[0].GetVector().Length);
            if (length != wanted || length == 0)
            {
                var what = expected is not null ? $"the requested {expected} {unit}" : $"the {wanted} of the first embedding";
                throw new JinaInvalidResponseException(
                    $"The embedding with index {item.Index} has {item.Dimensions} {unit}, which does not match {what}.", status);
            }
        }
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string what, HttpStatusCode status, bool alreadyRead = false)
    {
        if ((!alreadyRead && !reader.Read()) || reader.TokenType != type)
        {
            throw new JinaInvalidResponseException($"Expected {what} to be a JSON {(type == JsonTokenType.StartObject ? "object" : "array")}.", status);
        }
    }
}
