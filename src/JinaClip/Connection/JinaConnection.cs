using JinaClip.Configuration;
using JinaClip.Http;
using JinaClip.Pipeline;
using JinaClip.Preparation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace JinaClip.Connection;

/// <summary>
/// What every client of one account and endpoint shares: the checked options, the one request pipeline (so retries,
/// rate limits, timeouts, key handling and telemetry are the same for embeddings, rerank and the catalogue), and the
/// <see cref="HttpClient"/> and rate limiters it created, which it disposes.
/// </summary>
internal sealed class JinaConnection : IDisposable
{
    private readonly HttpClient? _ownedHttp;
    private readonly RateLimits _limits;

    /// <summary>Checks <paramref name="options"/> and builds the pipeline.</summary>
    /// <exception cref="ArgumentException">No API key is set, the endpoint is not allowed, or a limit is out of range.</exception>
    public JinaConnection(HttpClient? httpClient, JinaClientOptions options)
    {
        OptionsValidator.Validate(options);
        options = options.CloneForClient();
        Endpoint = EndpointPolicy.BaseUri(options.Endpoint, nameof(options));
        var apiKey = ApiKeyResolver.Resolve(options.ApiKey, nameof(options));
        Options = options;
        _ownedHttp = httpClient is null ? DefaultHttpClient.Create() : null;
        _limits = RateLimits.For(options);
        Logger = options.LoggerFactory?.CreateLogger("JinaClip") ?? NullLogger.Instance;
        Time = options.TimeProvider ?? TimeProvider.System;
        Images = ImagePreparation.For(options, Logger);
        Pipeline = new RequestPipeline(
            Endpoint,
            new RateLimitStage(_limits.Requests, _limits.Tokens, options.TokensPerMinute),
            new RetryStage(options.Retry, options.TotalTimeout, Time, Logger),
            new ConcurrencyStage(_limits.Concurrency),
            new AttemptTimeoutStage(options.NetworkTimeout, Time),
            new EndpointAuthStage(apiKey),
            new TelemetryStage(Logger, Time),
            new SendStage(httpClient ?? _ownedHttp!),
            new ReadStage(apiKey, Time));
    }

    /// <summary>Gets the configured endpoint, ending with a slash.</summary>
    public Uri Endpoint { get; }

    /// <summary>Gets a copy of the options the connection was built from, taken when it was built: later changes to the caller's options change nothing.</summary>
    public JinaClientOptions Options { get; }

    public RequestPipeline Pipeline { get; }

    /// <summary>Gets the rate limiters every client of this connection counts against.</summary>
    public RateLimits Limits => _limits;

    public TimeProvider Time { get; }

    /// <summary>Gets the image preparation every client of this connection applies, or <see langword="null"/>.</summary>
    public ImagePreparation? Images { get; }

    public ILogger Logger { get; }

    public void Dispose()
    {
        _limits.Dispose();
        _ownedHttp?.Dispose();
    }
}
