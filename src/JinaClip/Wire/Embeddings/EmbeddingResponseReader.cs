using System.Net;
using System.Text.Json;

namespace JinaClip.Wire;

/// <summary>
/// Reads a success body with <see cref="Utf8JsonReader"/>, decoding vectors straight into their final arrays, and
/// checks that there is exactly one embedding per input, with indices 0..n-1, the expected length and finite values.
/// Every value's JSON type is checked before it is read, so each failure names the field it is about.
/// </summary>
internal static class EmbeddingResponseReader
{
    /// <summary>Reads and checks a success body.</summary>
    /// <param name="body">The body.</param>
    /// <param name="request">The request it answers.</param>
    /// <param name="status">The response's status.</param>
    /// <param name="apiKey">The key, scrubbed from the strings kept from the body (the model name).</param>
    public static JinaEmbeddingCollection Read(ReadOnlySpan<byte> body, EmbeddingRequest request, HttpStatusCode status, string apiKey = "")
    {
        try
        {
            return ReadCore(body, request, status, apiKey);
        }
        catch (JsonException ex)
        {
            throw new JinaInvalidResponseException($"The embeddings response is not valid JSON: {ex.Message}", status, ex);
        }
    }

    private static JinaEmbeddingCollection ReadCore(ReadOnlySpan<byte> body, EmbeddingRequest request, HttpStatusCode status, string apiKey)
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
                model = ResponseJson.ReadModel(ref reader, "embeddings", status);
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

        return new JinaEmbeddingCollection(Order(items, request, status), SecretScrubber.Scrub(model, apiKey) ?? request.Model, usage);
    }

    private static EmbeddingUsage ReadUsage(ref Utf8JsonReader reader, HttpStatusCode status)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return EmbeddingUsage.Empty;
        }

        Expect(ref reader, JsonTokenType.StartObject, "'usage'", status, alreadyRead: true);
        long? total = null, prompt = null, image = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("total_tokens"u8))
            {
                total = ReadTokens(ref reader, "total_tokens", status);
            }
            else if (reader.ValueTextEquals("prompt_tokens"u8))
            {
                prompt = ReadTokens(ref reader, "prompt_tokens", status);
            }
            else if (reader.ValueTextEquals("image_tokens"u8))
            {
                image = ReadTokens(ref reader, "image_tokens", status);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return new EmbeddingUsage(total, prompt, image);
    }

    private static long? ReadTokens(ref Utf8JsonReader reader, string name, HttpStatusCode status) =>
        ResponseJson.ReadTokens(ref reader, name, "embeddings", status);

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
                if (reader.TokenType != JsonTokenType.Number)
                {
                    throw WrongType($"The 'index' of item {position} of 'data'", reader.TokenType, "a whole number", status, prefix: false);
                }

                if (!reader.TryGetInt32(out var value))
                {
                    throw new JinaInvalidResponseException($"Item {position} of 'data' has index {Text(ref reader)}, which is not a valid position.", status);
                }

                index = value;
            }
            else if (reader.ValueTextEquals("embedding"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String)
                {
                    floats = DecodeBase64(ref reader, position, status);
                }
                else if (reader.TokenType == JsonTokenType.StartArray && request.IsBinary)
                {
                    bits = ReadBits(ref reader, request.WireType, position, status);
                }
                else if (reader.TokenType == JsonTokenType.StartArray)
                {
                    floats = ReadFloats(ref reader, request.ExpectedDimensions ?? 1024, position, status);
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

        if (FiniteValues.FirstNonFinite(floats) is var at and >= 0)
        {
            throw new JinaInvalidResponseException(
                $"The embedding with index {index} has a non-finite value ({floats[at].ToString(System.Globalization.CultureInfo.InvariantCulture)}) at position {at}; a vector must hold finite numbers only.",
                status);
        }

        return new JinaEmbedding(index.Value, floats);
    }

    private static float[] DecodeBase64(ref Utf8JsonReader reader, int position, HttpStatusCode status)
    {
        try
        {
            return Base64Floats.Decode(ref reader);
        }
        catch (FormatException ex)
        {
            throw new JinaInvalidResponseException($"Item {position} of 'data' holds a malformed embedding: {ex.Message}", status, ex);
        }
    }

    private static float[] ReadFloats(ref Utf8JsonReader reader, int capacity, int position, HttpStatusCode status)
    {
        var values = new List<float>(capacity);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.Number)
            {
                throw WrongType($"Value {values.Count} of the embedding of item {position} of 'data'", reader.TokenType, "a number", status, prefix: false);
            }

            // A number beyond float's range (1e39) reads as infinity, and is refused with the other non-finite values.
            values.Add(reader.GetSingle());
        }

        return [.. values];
    }

    private static byte[] ReadBits(ref Utf8JsonReader reader, EmbeddingType type, int position, HttpStatusCode status)
    {
        var values = new List<byte>(128);
        var offset = type == EmbeddingType.Binary ? 128 : 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.Number)
            {
                throw WrongType($"Value {values.Count} of the embedding of item {position} of 'data'", reader.TokenType, "an integer", status, prefix: false);
            }

            if (!reader.TryGetInt32(out var value) || value + offset is < 0 or > 255)
            {
                throw new JinaInvalidResponseException(
                    $"Item {position} of 'data' holds the {WireNames.Of(type)} value {Text(ref reader)}, which is out of range ({(type == EmbeddingType.Binary ? "-128..127" : "0..255")}).",
                    status);
            }

            values.Add((byte)(value + offset));
        }

        return [.. values];
    }

    private static JinaInvalidResponseException WrongType(string what, JsonTokenType actual, string expected, HttpStatusCode status, bool prefix = true) =>
        prefix ? ResponseJson.WrongType("embeddings", what, actual, expected, status) : new($"{what} is a JSON {actual}; expected {expected}.", status);

    private static string Text(ref Utf8JsonReader reader) => ResponseJson.Text(ref reader);

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
