using System.Net.Http.Headers;
using JinaClip.Wire;

namespace JinaClip.Pipeline;

/// <summary>
/// Builds each attempt's HTTP request: to the call's path under the one configured endpoint, with the API key, the JSON body and the
/// SDK's headers. The key is set here and nowhere else.
/// </summary>
internal sealed class EndpointAuthStage : RequestStage
{
    private static readonly ProductInfoHeaderValue UserAgent =
        new("JinaClip", typeof(EndpointAuthStage).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");

    private static readonly MediaTypeWithQualityHeaderValue Json = new("application/json");

    private readonly AuthenticationHeaderValue _authorization;

    public EndpointAuthStage(string apiKey)
    {
        _authorization = new AuthenticationHeaderValue("Bearer", apiKey);
    }

    public override async ValueTask ProcessAsync(PipelineMessage message, ReadOnlyMemory<RequestStage> next)
    {
        using var request = new HttpRequestMessage(message.Call.Method, message.Endpoint);
        if (message.Call.HasBody)
        {
            request.Content = new JsonRequestContent(message.Body);
        }

        request.Headers.Authorization = _authorization;
        request.Headers.Accept.Add(Json);
        request.Headers.UserAgent.Add(UserAgent);
        message.HttpRequest = request;
        try
        {
            await ProceedAsync(message, next).ConfigureAwait(false);
        }
        finally
        {
            message.HttpRequest = null;
        }
    }
}
