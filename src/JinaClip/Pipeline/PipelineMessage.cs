using System.Diagnostics;
using JinaClip.Wire;

namespace JinaClip.Pipeline;

/// <summary>
/// One request on its way through the <see cref="RequestPipeline"/>: what the call sends (written once), the state of
/// the current attempt, and, at the end, the checked result.
/// </summary>
internal sealed class PipelineMessage
{
    public PipelineMessage(
        ApiCall call, Uri endpoint, ReadOnlyMemory<byte> body, long estimatedTokens, RetryCounter retries, ActivityContext traceParent, CancellationToken cancellationToken)
    {
        TraceParent = traceParent;
        Call = call;
        Endpoint = endpoint;
        Body = body;
        EstimatedTokens = estimatedTokens;
        Retries = retries;
        CancellationToken = cancellationToken;
    }

    /// <summary>Gets what is sent and how its answer is read.</summary>
    public ApiCall Call { get; }

    /// <summary>Gets the URL of this call: the configured endpoint and the call's path. Nothing is sent anywhere else.</summary>
    public Uri Endpoint { get; }

    /// <summary>Gets the JSON body, written once and sent unchanged by every attempt.</summary>
    public ReadOnlyMemory<byte> Body { get; }

    public long EstimatedTokens { get; }

    public RetryCounter Retries { get; }

    /// <summary>Gets the span the attempt spans hang under: the call's operation span, or <see langword="default"/> for <see cref="Activity.Current"/>.</summary>
    public ActivityContext TraceParent { get; }

    /// <summary>Gets or sets the number of the current attempt (1 for the first), counted by <see cref="RetryStage"/>.</summary>
    public int Attempt { get; set; }

    /// <summary>Gets or sets the token the current stage and those after it observe (a stage may narrow it).</summary>
    public CancellationToken CancellationToken { get; set; }

    /// <summary>Gets or sets the current attempt's HTTP request, set by <see cref="EndpointAuthStage"/>.</summary>
    public HttpRequestMessage? HttpRequest { get; set; }

    /// <summary>Gets or sets the current attempt's HTTP response, set by <see cref="SendStage"/>.</summary>
    public HttpResponseMessage? HttpResponse { get; set; }

    /// <summary>Gets or sets the checked result, set by <see cref="ReadStage"/>.</summary>
    public ApiResult? Result { get; set; }
}
