using System.Net;
using System.Text;
using System.Text.Json;

namespace JinaClip.Wire;

/// <summary>Builds a <see cref="JinaApiException"/> from an error response, with the API key scrubbed from every text.</summary>
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

    public static JinaApiException Create(HttpStatusCode status, string? reason, ReadOnlySpan<byte> body, TimeSpan? retryAfter, string apiKey)
    {
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
                    detail = parsed.Detail.GetString();
                    break;
                case JsonValueKind.Array:
                    var legacy = parsed.Detail.Deserialize(JinaJsonContext.Default.ListFieldErrorBody) ?? [];
                    fieldErrors.AddRange(legacy.Select(e => e.ToPublic()));
                    detail = $"Validation errors in {fieldErrors.Count} field(s)";
                    break;
            }

            fieldErrors.AddRange((parsed.Errors ?? []).Select(e => e.ToPublic()));
        }

        string? snippet = null;
        if (parsed is null || detail is null && parsed.Code is null)
        {
            snippet = Snippet(body);
        }

        var message = new StringBuilder()
            .Append("The Jina API answered ").Append((int)status).Append(' ').Append(reason ?? status.ToString());
        if (parsed?.Code is { } code)
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

        if (parsed?.RequestId is { } requestId)
        {
            message.Append(" (request id ").Append(requestId).Append(')');
        }

        return new JinaApiException(Scrub(message.ToString(), apiKey)!, status)
        {
            ErrorCode = parsed?.Code,
            Detail = Scrub(detail, apiKey),
            FieldErrors = fieldErrors.Select(e => new ApiFieldError(e.Field, Scrub(e.Message, apiKey), e.Type)).ToArray(),
            RequestId = parsed?.RequestId,
            RetryAfter = retryAfter,
            ResponseSnippet = Scrub(snippet, apiKey),
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

    /// <summary>Replaces every occurrence of the key in <paramref name="text"/>.</summary>
    public static string? Scrub(string? text, string apiKey) =>
        text is null || apiKey.Length == 0 ? text : text.Replace(apiKey, "***", StringComparison.Ordinal);

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
