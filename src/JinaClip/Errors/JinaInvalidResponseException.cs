using System.Net;

namespace JinaClip;

/// <summary>
/// The API answered with success, but the body cannot be trusted: not JSON; embeddings whose count, indices or vector
/// lengths do not match the request, or that hold NaN or infinity; a malformed <c>usage</c>; a body past the response cap;
/// or an answer from another host after a redirect. No partial result is returned.
/// </summary>
public sealed class JinaInvalidResponseException : JinaApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong with the response.</param>
    /// <param name="statusCode">The HTTP status of the response.</param>
    /// <param name="innerException">The parser's exception, if any.</param>
    public JinaInvalidResponseException(string message, HttpStatusCode statusCode = HttpStatusCode.OK, Exception? innerException = null)
        : base(message, statusCode, innerException)
    {
    }

    /// <summary>Gets whether a retry may cure the failure (a garbled transfer may; a refused redirect or a body past the cap will not).</summary>
    internal bool Retryable { get; init; } = true;
}
