namespace JinaClip.Pipeline;

/// <summary>
/// Sends the attempt's request and keeps the response open for <see cref="ReadStage"/> (headers first, body streamed).
/// A connection that drops while the body is read is reported as the network failure it is; a response from anywhere but
/// the endpoint (a redirect the caller's handler followed) is refused.
/// </summary>
internal sealed class SendStage : RequestStage
{
    private readonly HttpClient _http;

    public SendStage(HttpClient http)
    {
        _http = http;
    }

    public override async ValueTask ProcessAsync(PipelineMessage message, ReadOnlyMemory<RequestStage> next)
    {
        try
        {
            using var response = await _http.SendAsync(message.HttpRequest!, HttpCompletionOption.ResponseHeadersRead, message.CancellationToken).ConfigureAwait(false);
            RefuseRedirect(response, message.Endpoint);
            message.HttpResponse = response;
            await ProceedAsync(message, next).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            throw new HttpRequestException($"The connection to {message.Endpoint} failed while the response was read: {ex.Message}", ex);
        }
        finally
        {
            message.HttpResponse = null;
        }
    }

    /// <summary>
    /// A caller's handler may follow a 307/308 and re-POST the inputs elsewhere: whatever answered there is not the
    /// endpoint's answer, and is refused unread (the response is disposed by the caller of this method).
    /// </summary>
    private static void RefuseRedirect(HttpResponseMessage response, Uri endpoint)
    {
        if (response.RequestMessage?.RequestUri is { } final
            && Uri.Compare(final, endpoint, UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0)
        {
            throw new JinaInvalidResponseException(
                $"The response came from {final.GetLeftPart(UriPartial.Path)}, not from the endpoint {endpoint}: the HttpClient followed a redirect. The SDK accepts answers from its endpoint only; set the endpoint to the final address, or turn off AllowAutoRedirect.",
                response.StatusCode)
            {
                Retryable = false,
            };
        }
    }
}
