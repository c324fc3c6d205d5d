using System.Net;

namespace JinaClip;

/// <summary>
/// The API answered with an error status. Carries the status, the API's <c>code</c>, <c>detail</c>, 422 field errors,
/// <c>request_id</c> and <c>Retry-After</c>. The API key never appears in it.
/// </summary>
public class JinaApiException : Exception
{
    /// <summary>Creates an exception for an error response.</summary>
    /// <param name="message">The message.</param>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="innerException">The cause, if any.</param>
    public JinaApiException(string message, HttpStatusCode statusCode, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
    }

    /// <summary>Gets the HTTP status of the response.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>Gets the API's machine-readable error <c>code</c>, e.g. <c>AUTH_INVALID_API_KEY</c>, when it sent one.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>Gets the API's human-readable <c>detail</c>, when it sent one.</summary>
    public string? Detail { get; init; }

    /// <summary>Gets the field errors of a 422 validation response (both the current and the legacy shape); empty otherwise.</summary>
    public IReadOnlyList<ApiFieldError> FieldErrors { get; init; } = [];

    /// <summary>Gets the API's <c>request_id</c>, to quote to support.</summary>
    public string? RequestId { get; init; }

    /// <summary>Gets how long the API asked the client to wait before retrying, from <c>Retry-After</c>.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Gets the start of a response body that was not the API's JSON error shape.</summary>
    public string? ResponseSnippet { get; init; }
}
