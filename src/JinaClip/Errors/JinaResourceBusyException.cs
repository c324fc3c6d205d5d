using System.Net;

namespace JinaClip;

/// <summary>
/// The API answered 409 (<c>CONFLICT_RESOURCE_BUSY</c>): the resource, typically a few-shot classifier that is being
/// trained or updated, cannot be used yet. The request was fine: send it again after a while.
/// <see cref="JinaClassificationClient"/> does so itself for up to <see cref="ClassifyOptions.BusyTimeout"/> (or
/// <see cref="ClassifierTrainingOptions.BusyTimeout"/>) before it throws this.
/// </summary>
public sealed class JinaResourceBusyException : JinaApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause, if any.</param>
    public JinaResourceBusyException(string message, Exception? innerException = null)
        : base(message, HttpStatusCode.Conflict, innerException)
    {
    }
}
