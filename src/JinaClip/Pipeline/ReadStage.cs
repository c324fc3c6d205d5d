using JinaClip.Wire;

namespace JinaClip.Pipeline;

/// <summary>
/// Reads the response and checks it: an error status becomes a <see cref="JinaApiException"/> (key scrubbed); a success
/// body must fit the call's response cap (<see cref="ApiCall.ResponseCap"/>) and be a valid answer to the call
/// (<see cref="ApiCall.Read"/>: for embeddings, exactly one valid embedding per input), or it is a
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

        var call = message.Call;
        using var content = await ResponseBody.ReadAsync(response.Content, call.ResponseCap, response.StatusCode, static c => c.DescribeCap(), call, message.CancellationToken).ConfigureAwait(false);
        message.Result = call.Read(content.Span, response.StatusCode, _apiKey);
    }
}
