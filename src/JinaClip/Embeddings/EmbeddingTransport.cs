using System.Buffers;
using System.Net.Http.Headers;
using System.Threading.RateLimiting;
using JinaClip.Errors;
using JinaClip.Http;
using JinaClip.Resilience;
using JinaClip.Serialization;
using JinaClip.Telemetry;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace JinaClip.Embeddings;

/// <summary>One attempt: acquire rate-limit permits, POST the request, read and check the response.</summary>
internal sealed class EmbeddingTransport : IDisposable
{
    private static readonly ProductInfoHeaderValue UserAgent =
        new("JinaClip", typeof(EmbeddingTransport).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly string _apiKey;
    private readonly TimeSpan _networkTimeout;
    private readonly TimeProvider _timeProvider;
    private readonly RateLimiter? _requestLimiter;
    private readonly RateLimiter? _tokenLimiter;
    private readonly int _tokenPermitCap;
    private readonly List<IDisposable> _owned = [];
    private readonly ILogger _logger;

    public EmbeddingTransport(HttpClient? httpClient, JinaClientOptions options, Uri embeddingsUri, string apiKey)
    {
        EmbeddingsUri = embeddingsUri;
        _apiKey = apiKey;
        _networkTimeout = options.NetworkTimeout;
        _timeProvider = options.TimeProvider ?? TimeProvider.System;
        _logger = options.LoggerFactory?.CreateLogger("JinaClip") ?? NullLogger.Instance;
        _ownsHttp = httpClient is null;
        _http = httpClient ?? DefaultHttpClient.Create();
        _requestLimiter = options.RequestRateLimiter ?? Own(PerMinuteLimiter.Create(options.RequestsPerMinute));
        _tokenLimiter = options.TokenRateLimiter ?? Own(PerMinuteLimiter.Create(options.TokensPerMinute));

        // One request may be estimated above a whole minute's budget: it then waits for a full window, never forever.
        _tokenPermitCap = options.TokensPerMinute ?? int.MaxValue;
    }

    public Uri EmbeddingsUri { get; }

    public async Task<JinaEmbeddingCollection> SendAsync(EmbeddingRequest request, int estimatedTokens, CancellationToken cancellationToken)
    {
        using var requestLease = await AcquireAsync(_requestLimiter, 1, cancellationToken).ConfigureAwait(false);
        using var tokenLease = await AcquireAsync(_tokenLimiter, Math.Min(estimatedTokens, _tokenPermitCap), cancellationToken).ConfigureAwait(false);

        var body = new PooledBufferWriter(EmbeddingRequestWriter.EstimateSize(request));
        EmbeddingRequestWriter.Write(request, body);
        using var message = new HttpRequestMessage(HttpMethod.Post, EmbeddingsUri) { Content = new JsonRequestContent(body) };
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _apiKey);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        message.Headers.UserAgent.Add(UserAgent);

        using var activity = JinaTelemetry.StartAttempt(request.Model, EmbeddingsUri, request.Inputs.Length);
        var started = _timeProvider.GetTimestamp();
        Log.Sending(_logger, request.Inputs.Length, request.Model, EmbeddingsUri);
        if (_logger.IsEnabled(LogLevel.Trace))
        {
#pragma warning disable CA1873 // guarded by IsEnabled(Trace) just above
            Log.Inputs(_logger, string.Join(" | ", request.Inputs.Select(i => i.Kind switch
            {
                EmbeddingInputKind.Text => i.Value,
                EmbeddingInputKind.ImageUrl => $"image {i.Value}",
                _ => $"image ({i.Kind}, {i.ImageData.Length} bytes)",
            })));
#pragma warning restore CA1873
        }

        try
        {
            var result = await SendCoreAsync(message, request, cancellationToken).ConfigureAwait(false);
            var tags = JinaTelemetry.Tags(request.Model, EmbeddingsUri);
            JinaTelemetry.Duration.Record(_timeProvider.GetElapsedTime(started).TotalSeconds, tags);
            if ((result.Usage.PromptTokens ?? result.Usage.TotalTokens) is { } tokens)
            {
                tags.Add("gen_ai.token.type", "input");
                JinaTelemetry.TokenUsage.Record(tokens, tags);
                activity?.SetTag("gen_ai.usage.input_tokens", tokens);
            }

            activity?.SetTag("gen_ai.response.model", result.Model);
            var elapsedMs = _timeProvider.GetElapsedTime(started).TotalMilliseconds;
            Log.Received(_logger, result.Count, result.Model, result.Usage.TotalTokens, elapsedMs);
            return result;
        }
        catch (Exception ex)
        {
            var errorType = JinaTelemetry.ErrorType(ex);
            JinaTelemetry.Duration.Record(_timeProvider.GetElapsedTime(started).TotalSeconds, JinaTelemetry.Tags(request.Model, EmbeddingsUri, errorType));
            activity?.SetTag("error.type", errorType);
            var failedMs = _timeProvider.GetElapsedTime(started).TotalMilliseconds;
            Log.Failed(_logger, EmbeddingsUri, errorType, failedMs);
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            throw;
        }
    }

    private async Task<JinaEmbeddingCollection> SendCoreAsync(HttpRequestMessage message, EmbeddingRequest request, CancellationToken cancellationToken)
    {
        using var timeout = _networkTimeout == Timeout.InfiniteTimeSpan
            ? new CancellationTokenSource()
#if NET
            : new CancellationTokenSource(_networkTimeout, _timeProvider);
#else
            : _timeProvider.CreateCancellationTokenSource(_networkTimeout);
#endif
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw await ApiErrorFactory.CreateAsync(response, _apiKey, _timeProvider, linked.Token).ConfigureAwait(false);
            }

            using var content = await ResponseBody.ReadAsync(response.Content, linked.Token).ConfigureAwait(false);
            return EmbeddingResponseReader.Read(content.Span, request, response.StatusCode);
        }
        catch (IOException ex)
        {
            // A connection dropped while the body was read: report it as the network failure it is.
            throw new HttpRequestException($"The connection to {EmbeddingsUri} failed while the response was read: {ex.Message}", ex);
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"The request to {EmbeddingsUri} did not complete within {_networkTimeout.TotalSeconds:0.###} s (JinaClientOptions.NetworkTimeout).", ex);
        }
    }

    public void Dispose()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }

        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private static async ValueTask<RateLimitLease?> AcquireAsync(RateLimiter? limiter, int permits, CancellationToken cancellationToken)
    {
        if (limiter is null)
        {
            return null;
        }

        var lease = await limiter.AcquireAsync(permits, cancellationToken).ConfigureAwait(false);
        if (!lease.IsAcquired)
        {
            lease.Dispose();
            throw new InvalidOperationException($"The client-side rate limiter refused {permits} permit(s); its queue is full or the request exceeds its limit.");
        }

        return lease;
    }

    private RateLimiter? Own(RateLimiter? limiter)
    {
        if (limiter is not null)
        {
            _owned.Add(limiter);
        }

        return limiter;
    }
}
