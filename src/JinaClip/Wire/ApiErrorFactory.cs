using System.Net;
using System.Text;
using System.Text.Json;

namespace JinaClip.Wire;

/// <summary>
/// Builds a <see cref="JinaApiException"/> from an error response. The API key is scrubbed from the raw body before it is
/// parsed or cut to a snippet, and again from every string parsed out of it (a JSON escape can spell the key differently).
/// </summary>
internal static class ApiErrorFactory
{
    private const int MaxBodyBytes = 64 * 1024;
    private const int SnippetChars = 200;

    public static async Task<JinaApiException> CreateAsync(
        HttpResponseMessage response, string apiKey, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var body = await ReadBoundedAsync(response.Content, cancellationToken).ConfigureAwait(false);
        return Create(response.StatusCode, response.ReasonPhrase, body, RetryAfterOf(response, timeProvider), apiKey);
    }

    public static JinaApiException Create(HttpStatusCode status, string? reason, ReadOnlySpan<byte> rawBody, TimeSpan? retryAfter, string apiKey)
    {
        var body = SecretScrubber.Scrub(rawBody, apiKey).AsSpan();
        ErrorBody? parsed = null;
        try
        {
            parsed = body.IsEmpty ? null : JsonSerializer.Deserialize(body, JinaJsonContext.Default.ErrorBody);
        }
        catch (JsonException)
        {
            // Not the API's JSON (a proxy's HTML page, a truncated body): keep the status and a snippet.
        }

        string? detail = null;
        var fieldErrors = new List<ApiFieldError>();
        if (parsed is not null)
        {
            switch (parsed.Detail.ValueKind)
            {
                case JsonValueKind.String:
                    detail = SecretScrubber.Scrub(parsed.Detail.GetString(), apiKey);
                    break;
                case JsonValueKind.Array:
                    var legacy = parsed.Detail.Deserialize(JinaJsonContext.Default.ListFieldErrorBody) ?? [];
                    fieldErrors.AddRange(legacy.Select(e => e.ToPublic(apiKey)));
                    detail = $"Validation errors in {fieldErrors.Count} field(s)";
                    break;
            }

            fieldErrors.AddRange((parsed.Errors ?? []).Select(e => e.ToPublic(apiKey)));
        }

        var code = SecretScrubber.Scrub(parsed?.Code, apiKey);
        var requestId = SecretScrubber.Scrub(parsed?.RequestId, apiKey);
        string? snippet = null;
        if (parsed is null || detail is null && code is null)
        {
            snippet = Snippet(body);
        }

        var message = new StringBuilder()
            .Append("The Jina API answered ").Append((int)status).Append(' ').Append(reason ?? status.ToString());
        if (code is not null)
        {
            message.Append(" [").Append(code).Append(']');
        }

        message.Append(": ").Append(detail ?? (snippet is null ? "(no detail)" : $"non-JSON body: {snippet}"));
        foreach (var error in fieldErrors)
        {
            message.Append("; ").Append(error.Field).Append(": ").Append(error.Message);
        }

        if (retryAfter is { } wait)
        {
            message.Append(". Retry after ").Append(wait.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)).Append(" s");
        }

        if (requestId is not null)
        {
            message.Append(" (request id ").Append(requestId).Append(')');
        }

        // Every part above was scrubbed; the whole is scrubbed once more, for a key assembled across parts.
        var text = SecretScrubber.Scrub(message.ToString(), apiKey)!;
        if (status == HttpStatusCode.Conflict)
        {
            // 409 is the API's CONFLICT_RESOURCE_BUSY (a classifier being trained): a typed condition callers wait on.
            return new JinaResourceBusyException(text)
            {
                ErrorCode = code,
                Detail = detail,
                FieldErrors = fieldErrors.ToArray(),
                RequestId = requestId,
                RetryAfter = retryAfter,
                ResponseSnippet = snippet,
            };
        }

        return new JinaApiException(text, status)
        {
            ErrorCode = code,
            Detail = detail,
            FieldErrors = fieldErrors.ToArray(),
            RequestId = requestId,
            RetryAfter = retryAfter,
            ResponseSnippet = snippet,
        };
    }

    /// <summary>Reads <c>Retry-After</c> as a delay (delta seconds, or an HTTP date relative to now).</summary>
    public static TimeSpan? RetryAfterOf(HttpResponseMessage response, TimeProvider timeProvider)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - timeProvider.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    private static string Snippet(ReadOnlySpan<byte> body)
    {
        var text = Encoding.UTF8.GetString(body.Length > SnippetChars * 4 ? body[..(SnippetChars * 4)] : body).Trim();
        if (text.Length == 0)
        {
            return "(empty body)";
        }

        return text.Length > SnippetChars ? $"{text.AsSpan(0, SnippetChars).ToString()}…" : text;
    }

    private static async Task<byte[]> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var buffer = new byte[MaxBodyBytes];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false)) > 0)
        {
            total += read;
        }

        return buffer.AsSpan(0, total).ToArray();
    }
}
