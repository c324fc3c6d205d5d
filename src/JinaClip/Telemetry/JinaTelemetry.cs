using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace JinaClip.Telemetry;

/// <summary>
/// The SDK's <see cref="ActivitySource"/> and <see cref="Meter"/>, both named "JinaClip". Per call: one GenAI operation
/// span (<c>embeddings {model}</c>) with the <c>gen_ai.client.operation.duration</c> and <c>gen_ai.client.token.usage</c>
/// histograms (<see cref="OperationTelemetry"/>), unless Microsoft.Extensions.AI owns the operation. Per HTTP attempt:
/// a child span <c>POST /v1/embeddings</c> that does not claim to be the operation, the
/// <c>jinaclip.client.attempt.duration</c> histogram, and the <c>jinaclip.client.retries</c> counter.
/// </summary>
internal static class JinaTelemetry
{
    public const string Name = "JinaClip";
    public const string AttemptSpanName = "POST /v1/embeddings";
    private static readonly string? Version = typeof(JinaTelemetry).Assembly.GetName().Version?.ToString(3);
    private static readonly AsyncLocal<bool> CallerOwnsOperation = new();

    public static readonly ActivitySource Source = new(Name, Version);

    public static readonly Meter Meter = new(Name, Version);

    // Bucket advice as the OpenTelemetry GenAI conventions (and M.E.AI's own instruments) give it.
    public static readonly Histogram<long> TokenUsage = Meter.CreateHistogram(
        "gen_ai.client.token.usage", "{token}", "Measures number of input and output tokens used", tags: null,
        new InstrumentAdvice<long> { HistogramBucketBoundaries = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864] });

    public static readonly Histogram<double> OperationDuration = Meter.CreateHistogram(
        "gen_ai.client.operation.duration", "s", "GenAI operation duration", tags: null,
        new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92] });

    public static readonly Histogram<double> AttemptDuration = Meter.CreateHistogram(
        "jinaclip.client.attempt.duration", "s", "Duration of each HTTP attempt against the Jina API, from sending to the checked result.", tags: null,
        new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92] });

    public static readonly Counter<long> Retries = Meter.CreateCounter<long>(
        "jinaclip.client.retries", "{retry}", "Requests retried after a transient failure.");

    /// <summary>Gets whether the caller (an M.E.AI generator) owns the GenAI operation telemetry of the current call.</summary>
    public static bool OperationOwned => CallerOwnsOperation.Value;

    /// <summary>
    /// Marks the calls made in this async flow as owned by the caller: the SDK then emits no operation span and no
    /// operation metrics, only its attempt spans, so M.E.AI's <c>UseOpenTelemetry()</c> is not counted twice.
    /// </summary>
    public static IDisposable OperationOwnedByCaller()
    {
        var previous = CallerOwnsOperation.Value;
        CallerOwnsOperation.Value = true;
        return new Restore(previous);
    }

    /// <summary>Starts the span of one HTTP attempt, <c>{method} /{path}</c>, under <paramref name="parent"/>.</summary>
    public static Activity? StartAttempt(string method, string path, string model, int items, Uri endpoint, int attempt, ActivityContext parent)
    {
        var name = path == "v1/embeddings" ? AttemptSpanName : $"{method} /{path}";
        var activity = parent == default
            ? Source.StartActivity(name, ActivityKind.Internal)
            : Source.StartActivity(name, ActivityKind.Internal, parent);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("http.request.method", method);
            activity.SetTag("server.address", endpoint.Host);
            activity.SetTag("server.port", endpoint.Port);
            activity.SetTag("url.template", "/" + path);
            activity.SetTag("jinaclip.request.model", model);
            activity.SetTag("jinaclip.request.inputs", items);
            activity.SetTag("jinaclip.attempt", attempt);
        }

        return activity;
    }

    public static TagList Tags(string operation, string model, Uri endpoint, string? errorType = null)
    {
        var tags = new TagList
        {
            { "gen_ai.operation.name", operation },
            { "gen_ai.provider.name", "jina" },
            { "gen_ai.request.model", model },
            { "server.address", endpoint.Host },
            { "server.port", endpoint.Port },
        };
        if (errorType is not null)
        {
            tags.Add("error.type", errorType);
        }

        return tags;
    }

    public static TagList AttemptTags(Uri endpoint, string? errorType = null)
    {
        var tags = new TagList
        {
            { "server.address", endpoint.Host },
            { "server.port", endpoint.Port },
        };
        if (errorType is not null)
        {
            tags.Add("error.type", errorType);
        }

        return tags;
    }

    /// <summary>The <c>error.type</c> of a failure: the HTTP status code, or the exception's type name.</summary>
    public static string ErrorType(Exception exception) => exception switch
    {
        JinaApiException api => ((int)api.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture),
        JinaBatchException { InnerException: { } inner } => ErrorType(inner),
        _ => exception.GetType().FullName ?? exception.GetType().Name,
    };

    private sealed class Restore(bool previous) : IDisposable
    {
        public void Dispose() => CallerOwnsOperation.Value = previous;
    }
}
