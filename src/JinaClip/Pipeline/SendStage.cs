namespace JinaClip.Pipeline;

/// <summary>
/// Sends the attempt's request and keeps the response open for <see cref="ReadStage"/> (headers first, body streamed).
/// A connection that drops while the body is read is reported as the network failure it is.
/// </summary>
internal sealed class SendStage : RequestStage
{
    private readonly HttpClient _http;
    private readonly Uri _endpoint;

    public SendStage(HttpClient http, Uri endpoint)
    {
        _http = http;
        _endpoint = endpoint;
    }

    public override async ValueTask ProcessAsync(RequestMessage message, ReadOnlyMemory<RequestStage> next)
    {
        try
        {
            using var response = await _http.SendAsync(message.HttpRequest!, HttpCompletionOption.ResponseHeadersRead, message.CancellationToken).ConfigureAwait(false);
            message.HttpResponse = response;
            await ProceedAsync(message, next).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            throw new HttpRequestException($"The connection to {_endpoint} failed while the response was read: {ex.Message}", ex);
        }
        finally
        {
            message.HttpResponse = null;
        }
    }
}
