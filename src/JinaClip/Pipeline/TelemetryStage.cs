using System.Diagnostics;
using JinaClip.Telemetry;
using JinaClip.Wire;
using Microsoft.Extensions.Logging;

namespace JinaClip.Pipeline;

/// <summary>
/// Around each attempt: a child span <c>{METHOD} /{path}</c> (e.g. <c>POST /v1/embeddings</c>) under the call's operation span (it does not claim to
/// be the GenAI operation: that is <see cref="OperationTelemetry"/>'s, or M.E.AI's), the attempt duration histogram, and
/// the Debug/Trace log records (never the key, never image bytes).
/// </summary>
internal sealed class TelemetryStage : RequestStage
{
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;

    public TelemetryStage(ILogger logger, TimeProvider timeProvider)
    {
        _logger = logger;
        _timeProvider = timeProvider;
    }

    public override async ValueTask ProcessAsync(PipelineMessage message, ReadOnlyMemory<RequestStage> next)
    {
        var call = message.Call;
        var endpoint = message.Endpoint;
        using var activity = JinaTelemetry.StartAttempt(call.Method.Method, call.Path, call.Model, call.Items, endpoint, message.Attempt, message.TraceParent);
        var started = _timeProvider.GetTimestamp();
        Log.Sending(_logger, call.Items, call.Model, endpoint);
        if (_logger.IsEnabled(LogLevel.Trace))
        {
#pragma warning disable CA1873 // guarded by IsEnabled(Trace) just above
            Log.Inputs(_logger, call.DescribeItems());
#pragma warning restore CA1873
        }

        try
        {
            await ProceedAsync(message, next).ConfigureAwait(false);
            var result = message.Result!.Value;
            JinaTelemetry.AttemptDuration.Record(_timeProvider.GetElapsedTime(started).TotalSeconds, JinaTelemetry.AttemptTags(endpoint));
            if (result.InputTokens is { } tokens)
            {
                activity?.SetTag("jinaclip.usage.input_tokens", tokens);
            }

            var elapsedMs = _timeProvider.GetElapsedTime(started).TotalMilliseconds;
            Log.Received(_logger, result.Count, call.ResultNoun, result.Model, result.TotalTokens, elapsedMs);
        }
        catch (Exception ex)
        {
            var errorType = JinaTelemetry.ErrorType(ex);
            JinaTelemetry.AttemptDuration.Record(_timeProvider.GetElapsedTime(started).TotalSeconds, JinaTelemetry.AttemptTags(endpoint, errorType));
            activity?.SetTag("error.type", errorType);
            if (ex is JinaApiException api)
            {
                activity?.SetTag("http.response.status_code", (int)api.StatusCode);
            }

            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            var failedMs = _timeProvider.GetElapsedTime(started).TotalMilliseconds;
            Log.Failed(_logger, endpoint, errorType, failedMs);
            throw;
        }
    }
}
