using System.Net;
using System.Text.Json;

namespace JinaClip.Wire;

/// <summary>
/// Reads shared by the success-body readers (embeddings, rerank): each value's JSON type is checked before it is read,
/// and every failure names the response and the field.
/// </summary>
internal static class ResponseJson
{
    /// <summary>Reads the value after a <c>model</c> property: a string, or <see langword="null"/>.</summary>
    /// <param name="reader">The reader, on the property name.</param>
    /// <param name="response">The response's name in messages (<c>embeddings</c>, <c>rerank</c>).</param>
    /// <param name="status">The response's status.</param>
    public static string? ReadModel(ref Utf8JsonReader reader, string response, HttpStatusCode status)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Null => null,
            _ => throw WrongType(response, "'model'", reader.TokenType, "a string", status),
        };
    }

    /// <summary>Reads the value after a <c>usage.*_tokens</c> property: a whole number of tokens, or <see langword="null"/>.</summary>
    public static long? ReadTokens(ref Utf8JsonReader reader, string name, string response, HttpStatusCode status)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.Number)
        {
            throw WrongType(response, $"'usage.{name}'", reader.TokenType, "a whole number of tokens", status);
        }

        if (!reader.TryGetInt64(out var tokens) || tokens < 0)
        {
            throw new JinaInvalidResponseException(
                $"The {response} response's 'usage.{name}' is {Text(ref reader)}; expected a whole number of tokens from 0 to {long.MaxValue:N0}.", status);
        }

        return tokens;
    }

    /// <summary>The error for a value of the wrong JSON type, naming the response and the field.</summary>
    public static JinaInvalidResponseException WrongType(string response, string what, JsonTokenType actual, string expected, HttpStatusCode status) =>
        new($"The {response} response's {what} is a JSON {actual}; expected {expected}.", status);

    /// <summary>The current token's raw text, for messages.</summary>
    public static string Text(ref Utf8JsonReader reader) =>
        System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan.ToArray());

    /// <summary>Whether a failure's message (which may quote the server) holds an echo of the key.</summary>
    public static bool QuotesKey(JinaInvalidResponseException exception, string apiKey) =>
        !string.Equals(SecretScrubber.Scrub(exception.Message, apiKey), exception.Message, StringComparison.Ordinal);

    /// <summary>The same failure with every echo of the key in its message masked.</summary>
    public static JinaInvalidResponseException Scrubbed(JinaInvalidResponseException exception, string apiKey) =>
        new(SecretScrubber.Scrub(exception.Message, apiKey)!, exception.StatusCode, exception.InnerException) { Retryable = exception.Retryable };
}
