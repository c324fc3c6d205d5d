using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace JinaClip.Telemetry;

/// <summary>
/// The SDK's <see cref="ActivitySource"/> and <see cref="Meter"/>, both named "JinaClip": a span per HTTP attempt following the OpenTelemetry GenAI conventions, histograms of tokens and of
/// request duration, and a counter of retries.
/// </summary>
internal static class JinaTelemetry
{
    public const string Name = "JinaClip";
    private static readonly string? Version = typeof(JinaTelemetry).Assembly.GetName().Version?.ToString(3);

    public static readonly ActivitySource Source = new(Name, Version);

    public static readonly Meter Meter = new(Name, Version);

    public static readonly Histogram<long> TokenUsage = Meter.CreateHistogram<long>(
        "gen_ai.client.token.usage", "{token}", "Tokens used per request, as the API reported them.");

    public static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "gen_ai.client.operation.duration", "s", "Duration of each HTTP attempt against the embeddings endpoint.");

    public static readonly Counter<long> Retries = Meter.CreateCounter<long>(
        "jinaclip.client.retries", "{retry}", "Requests retried after a transient failure.");

    public static Activity? StartAttempt(string model, Uri endpoint, int inputs)
    {
        var activity = Source.StartActivity($"embeddings {model}", ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("gen_ai.operation.name", "embeddings");
            activity.SetTag("gen_ai.provider.name", "jina");
            activity.SetTag("gen_ai.request.model", model);
            activity.SetTag("server.address", endpoint.Host);
            activity.SetTag("server.port", endpoint.Port);
            activity.SetTag("jinaclip.request.inputs", inputs);
        }

        return activity;
    }

    public static TagList Tags(string model, Uri endpoint, string? errorType = null)
    {
        var tags = new TagList
        {
            { "gen_ai.operation.name", "embeddings" },
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

    /// <summary>The <c>error.type</c> of a failure: the HTTP status code, or the exception's type name.</summary>
    public static string ErrorType(Exception exception) => exception switch
    {
        JinaApiException api => ((int)api.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => exception.GetType().FullName ?? exception.GetType().Name,
    };
}
