using System.Diagnostics;
using JinaClip.Telemetry;
using JinaClip.Wire;
using Microsoft.Extensions.Logging;

namespace JinaClip.Pipeline;

/// <summary>
/// Around each attempt: a child span <c>POST /v1/embeddings</c> under the call's operation span (it does not claim to
/// be the GenAI operation: that is <see cref="OperationTelemetry"/>'s, or M.E.AI's), the attempt duration histogram, and
/// the Debug/Trace log records (never the key, never image bytes).
/// </summary>
internal sealed class TelemetryStage : RequestStage
{
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly Uri _endpoint;

    public TelemetryStage(ILogger logger, TimeProvider timeProvider, Uri endpoint)
    {
        _logger = logger;
        _timeProvider = timeProvider;
        _endpoint = endpoint;
    }

    public override async ValueTask ProcessAsync(PipelineMessage message, ReadOnlyMemory<RequestStage> next)
    {
        var request = message.Request;
        using var activity = JinaTelemetry.StartAttempt(request.Model, _endpoint, request.Inputs.Length, message.Attempt, message.TraceParent);
        var started = _timeProvider.GetTimestamp();
        Log.Sending(_logger, request.Inputs.Length, request.Model, _endpoint);
        if (_logger.IsEnabled(LogLevel.Trace))
        {
#pragma warning disable CA1873 // guarded by IsEnabled(Trace) just above
            Log.Inputs(_logger, Describe(request));
#pragma warning restore CA1873
        }

        try
        {
            await ProceedAsync(message, next).ConfigureAwait(false);
            var result = message.Result!;
            JinaTelemetry.AttemptDuration.Record(_timeProvider.GetElapsedTime(started).TotalSeconds, JinaTelemetry.AttemptTags(_endpoint));
            if ((result.Usage.PromptTokens ?? result.Usage.TotalTokens) is { } tokens)
            {
                activity?.SetTag("jinaclip.usage.input_tokens", tokens);
            }
            var elapsedMs = _timeProvider.GetElapsedTime(started).TotalMilliseconds;
            Log.Received(_logger, result.Count, result.Model, result.Usage.TotalTokens, elapsedMs);
        }
        catch (Exception ex)
        {
            var errorType = JinaTelemetry.ErrorType(ex);
            JinaTelemetry.AttemptDuration.Record(_timeProvider.GetElapsedTime(started).TotalSeconds, JinaTelemetry.AttemptTags(_endpoint, errorType));
            activity?.SetTag("error.type", errorType);
            if (ex is JinaApiException api)
            {
                activity?.SetTag("http.response.status_code", (int)api.StatusCode);
            }

            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            var failedMs = _timeProvider.GetElapsedTime(started).TotalMilliseconds;
            Log.Failed(_logger, _endpoint, errorType, failedMs);
            throw;
        }
    }

    private static string Describe(EmbeddingRequest request) => string.Join(" | ", request.Inputs.Select(i => i.Kind switch
    {
        EmbeddingInputKind.Text => i.Value,
        EmbeddingInputKind.ImageUrl => $"image {i.Value}",
        _ => $"image ({i.Kind}, {i.ImageData.Length} bytes)",
    }));
}
