using System.Net;
using System.Text.Json;

namespace JinaClip.Wire;

/// <summary>
/// Reads a rerank success body with <see cref="Utf8JsonReader"/> and checks it: exactly the expected number of results
/// (<c>top_n</c> of the documents, or all), each index within the request and seen once, finite scores, finite
/// embeddings. Results out of score order are put back in order (best first, ties by index): that is the one fault it
/// repairs. Every value's JSON type is checked before it is read, so each failure names its field.
/// </summary>
internal static class RerankResponseReader
{
    public static RerankPart Read(ReadOnlySpan<byte> body, RerankCall call, HttpStatusCode status, string apiKey)
    {
        try
        {
            return ReadCore(body, call, status, apiKey);
        }
        catch (JsonException ex)
        {
            throw new JinaInvalidResponseException($"The rerank response is not valid JSON: {ex.Message}", status, ex);
        }
    }

    private static RerankPart ReadCore(ReadOnlySpan<byte> body, RerankCall call, HttpStatusCode status, string apiKey)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 16 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JinaInvalidResponseException("Expected the rerank response to be a JSON object.", status);
        }

        string? model = null;
        long? tokens = null;
        List<RankedDocument>? results = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("model"u8))
            {
                model = ResponseJson.ReadModel(ref reader, "rerank", status);
            }
            else if (reader.ValueTextEquals("usage"u8))
            {
                tokens = ReadUsage(ref reader, status);
            }
            else if (reader.ValueTextEquals("results"u8))
            {
                results = ReadResults(ref reader, call, status, apiKey);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            throw new JinaInvalidResponseException($"The rerank response has an unexpected {reader.TokenType} where a property name belongs.", status);
        }

        if (results is null)
        {
            throw new JinaInvalidResponseException("The rerank response has no 'results' array.", status);
        }

        return new RerankPart(Check(results, call, status), SecretScrubber.Scrub(model, apiKey) ?? call.Model, tokens);
    }

    private static long? ReadUsage(ref Utf8JsonReader reader, HttpStatusCode status)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw WrongType("'usage'", reader.TokenType, "an object", status);
        }

        long? total = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!reader.ValueTextEquals("total_tokens"u8))
            {
                reader.Read();
                reader.Skip();
                continue;
            }

            total = ResponseJson.ReadTokens(ref reader, "total_tokens", "rerank", status) ?? total;
        }

        return total;
    }

    private static List<RankedDocument> ReadResults(ref Utf8JsonReader reader, RerankCall call, HttpStatusCode status, string apiKey)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw WrongType("'results'", reader.TokenType, "an array", status);
        }

        var results = new List<RankedDocument>(call.ExpectedResults);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw WrongType($"result {results.Count}", reader.TokenType, "an object", status);
            }

            var result = ReadResult(ref reader, results.Count, status, apiKey);

            // An image document comes back as the whole image (base64 or its URL): the result refers to the caller's
            // document by its Index instead, unless the caller asked for the documents (ReturnDocuments = true).
            if (result.Document is not null && call.ReturnDocuments != true && result.Index >= 0 && result.Index < call.Documents.Length
                && call.Documents[result.Index] is { IsImageData: true } or { Kind: EmbeddingInputKind.ImageUrl })
            {
                result = result.WithoutDocument();
            }

            results.Add(result);
        }

        return results;
    }

    private static RankedDocument ReadResult(ref Utf8JsonReader reader, int position, HttpStatusCode status, string apiKey)
    {
        int? index = null;
        double? score = null;
        string? document = null;
        float[]? embedding = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("index"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.Number)
                {
                    throw WrongType($"'index' of result {position}", reader.TokenType, "an integer", status);
                }

                if (!reader.TryGetInt32(out var value) || value < 0)
                {
                    throw new JinaInvalidResponseException($"Result {position} of the rerank response has the index {Text(ref reader)}, which is no document position.", status);
                }

                index = value;
            }
            else if (reader.ValueTextEquals("relevance_score"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.Number)
                {
                    throw WrongType($"'relevance_score' of result {position}", reader.TokenType, "a number", status);
                }

                if (!reader.TryGetDouble(out var value) || double.IsNaN(value) || double.IsInfinity(value))
                {
                    throw new JinaInvalidResponseException($"Result {position} of the rerank response has the score {Text(ref reader)}, which is not a finite number.", status);
                }

                score = value;
            }
            else if (reader.ValueTextEquals("document"u8))
            {
                document = SecretScrubber.Scrub(ReadDocument(ref reader, position, status), apiKey);
            }
            else if (reader.ValueTextEquals("embedding"u8))
            {
                embedding = ReadEmbedding(ref reader, position, status);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (index is null || score is null)
        {
            throw new JinaInvalidResponseException($"Result {position} of the rerank response has no '{(index is null ? "index" : "relevance_score")}'.", status);
        }

        return new RankedDocument(index.Value, score.Value, document, embedding);
    }

    private static string? ReadDocument(ref Utf8JsonReader reader, int position, HttpStatusCode status)
    {
        reader.Read();
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.StartObject:
                string? value = null;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var known = reader.ValueTextEquals("text"u8) || reader.ValueTextEquals("image"u8);
                    reader.Read();
                    if (known && reader.TokenType == JsonTokenType.String)
                    {
                        value = reader.GetString();
                    }
                    else if (known)
                    {
                        throw WrongType($"the document of result {position}", reader.TokenType, "a string", status);
                    }
                    else
                    {
                        reader.Skip();
                    }
                }

                return value;
            default:
                throw WrongType($"'document' of result {position}", reader.TokenType, "a string or an object", status);
        }
    }

    private static float[]? ReadEmbedding(ref Utf8JsonReader reader, int position, HttpStatusCode status)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw WrongType($"'embedding' of result {position}", reader.TokenType, "an array of numbers", status);
        }

        var values = new List<float>(1024);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.Number)
            {
                throw WrongType($"value {values.Count} of the embedding of result {position}", reader.TokenType, "a number", status);
            }

            values.Add(reader.GetSingle());
        }

        var vector = values.ToArray();
        if (FiniteValues.FirstNonFinite(vector) is var bad and >= 0)
        {
            throw new JinaInvalidResponseException($"The embedding of result {position} holds a non-finite value at position {bad}.", status);
        }

        return vector;
    }

    private static RankedDocument[] Check(List<RankedDocument> results, RerankCall call, HttpStatusCode status)
    {
        var documents = call.Documents.Length;
        if (results.Count != call.ExpectedResults)
        {
            var wanted = call.TopN is { } n ? $"top_n = {n} of {documents} documents asks for {call.ExpectedResults}" : $"the request had {documents} documents";
            throw new JinaInvalidResponseException($"The rerank response holds {results.Count} results, but {wanted}.", status);
        }

        var seen = new bool[documents];
        foreach (var result in results)
        {
            if (result.Index >= documents)
            {
                throw new JinaInvalidResponseException(
                    $"The rerank response has a result with index {result.Index}, but the request had only {documents} documents (0..{documents - 1}).", status);
            }

            if (seen[result.Index])
            {
                throw new JinaInvalidResponseException($"The rerank response has two results with index {result.Index}.", status);
            }

            seen[result.Index] = true;
        }

        var ranked = results.ToArray();
        for (var i = 1; i < ranked.Length; i++)
        {
            if (ranked[i].RelevanceScore > ranked[i - 1].RelevanceScore)
            {
                // Out of score order: the one fault that loses nothing when repaired.
                Array.Sort(ranked, RankOrder.Instance);
                break;
            }
        }

        return ranked;
    }

    private static JinaInvalidResponseException WrongType(string what, JsonTokenType actual, string expected, HttpStatusCode status) =>
        ResponseJson.WrongType("rerank", what, actual, expected, status);

    private static string Text(ref Utf8JsonReader reader) => ResponseJson.Text(ref reader);
}
