using System.Diagnostics;

namespace JinaClip.Telemetry;

/// <summary>
/// The telemetry of one call, as the OpenTelemetry GenAI conventions define an operation: one span
/// <c>{operation} {model}</c> (<c>embeddings</c> or <c>rerank</c>) (kind client) from the first check to the last result, one
/// <c>gen_ai.client.operation.duration</c> reading and one <c>gen_ai.client.token.usage</c> reading of the call's
/// input tokens summed over its batches. Not started when the caller owns the operation (<see cref="JinaTelemetry.OperationOwned"/>).
/// </summary>
internal sealed class OperationTelemetry : IDisposable
{
    private readonly Activity? _activity;
    private readonly string _operation;
    private readonly string _model;
    private readonly Uri _endpoint;
    private readonly TimeProvider _timeProvider;
    private readonly long _started;
    private bool _recorded;

    private OperationTelemetry(string operation, string model, Uri endpoint, TimeProvider timeProvider)
    {
        _operation = operation;
        _model = model;
        _endpoint = endpoint;
        _timeProvider = timeProvider;
        _started = timeProvider.GetTimestamp();
        _activity = JinaTelemetry.Source.StartActivity($"{operation} {model}", ActivityKind.Client);
        if (_activity is { IsAllDataRequested: true })
        {
            _activity.SetTag("gen_ai.operation.name", operation);
            _activity.SetTag("gen_ai.provider.name", "jina");
            _activity.SetTag("gen_ai.request.model", model);
            _activity.SetTag("server.address", endpoint.Host);
            _activity.SetTag("server.port", endpoint.Port);
        }
    }

    /// <summary>Gets the context attempt spans hang under (<see langword="default"/> when there is no span).</summary>
    public ActivityContext Context => _activity?.Context ?? default;

    /// <summary>Starts an <c>embeddings</c> operation, or returns <see langword="null"/> when the caller owns it.</summary>
    public static OperationTelemetry? Start(string model, Uri endpoint, TimeProvider timeProvider) =>
        Start("embeddings", model, endpoint, timeProvider);

    /// <summary>Starts an operation (<c>embeddings</c>, <c>rerank</c>), or returns <see langword="null"/> when the caller owns it.</summary>
    public static OperationTelemetry? Start(string operation, string model, Uri endpoint, TimeProvider timeProvider) =>
        JinaTelemetry.OperationOwned ? null : new OperationTelemetry(operation, model, endpoint, timeProvider);

    public void Succeeded(string? responseModel, long? inputTokens)
    {
        if (_recorded)
        {
            return;
        }

        _recorded = true;
        var tags = JinaTelemetry.Tags(_operation, _model, _endpoint);
        if (responseModel is not null)
        {
            tags.Add("gen_ai.response.model", responseModel);
            _activity?.SetTag("gen_ai.response.model", responseModel);
        }

        JinaTelemetry.OperationDuration.Record(_timeProvider.GetElapsedTime(_started).TotalSeconds, tags);
        if (inputTokens is { } tokens)
        {
            tags.Add("gen_ai.token.type", "input");
            JinaTelemetry.TokenUsage.Record(tokens, tags);
            _activity?.SetTag("gen_ai.usage.input_tokens", tokens);
        }
    }

    public void Failed(Exception exception)
    {
        if (_recorded)
        {
            return;
        }

        _recorded = true;
        var errorType = JinaTelemetry.ErrorType(exception);
        JinaTelemetry.OperationDuration.Record(_timeProvider.GetElapsedTime(_started).TotalSeconds, JinaTelemetry.Tags(_operation, _model, _endpoint, errorType));
        _activity?.SetTag("error.type", errorType);
        _activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
    }

    public void Dispose() => _activity?.Dispose();
}
