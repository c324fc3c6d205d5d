using JinaClip.Wire;

namespace JinaClip.Pipeline;

/// <summary>
/// Reads the response and checks it: an error status becomes a <see cref="JinaApiException"/> (key scrubbed); a success
/// body must fit the response cap (<see cref="ResponseLimit"/>) and hold exactly one valid embedding per input, or it is a
/// <see cref="JinaInvalidResponseException"/>.
/// The last stage: it calls no other.
/// </summary>
internal sealed class ReadStage : RequestStage
{
    private readonly string _apiKey;
    private readonly TimeProvider _timeProvider;

    public ReadStage(string apiKey, TimeProvider timeProvider)
    {
        _apiKey = apiKey;
        _timeProvider = timeProvider;
    }

    public override async ValueTask ProcessAsync(PipelineMessage message, ReadOnlyMemory<RequestStage> next)
    {
        var response = message.HttpResponse!;
        if (!response.IsSuccessStatusCode)
        {
            throw await ApiErrorFactory.CreateAsync(response, _apiKey, _timeProvider, message.CancellationToken).ConfigureAwait(false);
        }

        var request = message.Request;
        var cap = ResponseLimit.For(request);
        using var content = await ResponseBody.ReadAsync(response.Content, cap, response.StatusCode, ResponseLimit.Describe, request, message.CancellationToken).ConfigureAwait(false);
        message.Result = EmbeddingResponseReader.Read(content.Span, request, response.StatusCode, _apiKey);
    }
}
