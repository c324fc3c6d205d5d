using JinaClip.Configuration;
using JinaClip.Connection;
using JinaClip.Http;

namespace JinaClip;

/// <summary>
/// The root client of Jina AI's API: one key, one endpoint, one set of <see cref="JinaClientOptions"/> and one
/// connection (HTTP, rate limits, retries, timeouts, telemetry), handing out a client per endpoint family that shares
/// it: <see cref="GetEmbeddingsClient"/>, <see cref="GetRerankClient"/>, <see cref="GetClassificationClient"/>, <see cref="GetModelsClient"/>. Thread-safe;
/// create one per key and endpoint and reuse it.
/// </summary>
/// <remarks>
/// Every client it hands out counts against the same rate limits and concurrency, and none of them owns the
/// connection: disposing this root client disposes what it created (its <see cref="HttpClient"/>, when it made one, and
/// its rate limiters), after which its sub-clients must not be used. Each sub-client can also be created on its own
/// (<c>new JinaEmbeddingClient(options)</c>), with a connection of its own. The options are copied when the client is
/// created: changing them afterwards changes nothing here.
/// </remarks>
public class JinaClient : IDisposable
{
    private readonly JinaConnection? _connection;

    /// <summary>Creates a root client with an API key and default options.</summary>
    /// <param name="apiKey">The Jina API key.</param>
    /// <exception cref="ArgumentException"><paramref name="apiKey"/> is null, empty or white space.</exception>
    public JinaClient(string apiKey)
        : this(null, new JinaClientOptions { ApiKey = ApiKeyResolver.Resolve(apiKey, nameof(apiKey)) })
    {
    }

    /// <summary>Creates a root client that owns its own <see cref="HttpClient"/>.</summary>
    /// <param name="options">The options; the API key falls back to <c>JINA_API_KEY</c>.</param>
    /// <exception cref="ArgumentException">No API key is set, the endpoint is not allowed, or a limit is out of range.</exception>
    public JinaClient(JinaClientOptions options)
        : this(null, options)
    {
    }

    /// <summary>Creates a root client on an <see cref="HttpClient"/> the caller owns (e.g. from <c>IHttpClientFactory</c>).</summary>
    /// <param name="httpClient">The client used to send requests; its <see cref="HttpClient.BaseAddress"/> is not used.</param>
    /// <param name="options">The options; the API key falls back to <c>JINA_API_KEY</c>.</param>
    /// <exception cref="ArgumentException">No API key is set, the endpoint is not allowed, or a limit is out of range.</exception>
    public JinaClient(HttpClient? httpClient, JinaClientOptions options)
    {
        _connection = new JinaConnection(httpClient, options);
        Endpoint = _connection.Endpoint;
    }

    /// <summary>Initializes an instance for mocking: override the <c>Get…Client</c> methods to hand out mocks.</summary>
    /// <remarks>Without an override, a <c>Get…Client</c> call throws <see cref="NotSupportedException"/>: this instance has no connection.</remarks>
    protected JinaClient()
    {
        Endpoint = EndpointPolicy.BaseUri(JinaClientOptions.DefaultEndpoint, nameof(Endpoint));
    }

    /// <summary>Gets the connection every sub-client shares (<see langword="null"/> on a mock).</summary>
    internal JinaConnection? Connection => _connection;

    /// <summary>Gets the endpoint every sub-client sends to, ending with a slash.</summary>
    public Uri Endpoint { get; }

    /// <summary>Gets a client for <c>POST /v1/embeddings</c> on this client's connection.</summary>
    /// <returns>The embeddings client; it uses <see cref="JinaClientOptions.DefaultModel"/> when a call names no model. Disposing it leaves the connection to this client.</returns>
    /// <exception cref="NotSupportedException">This instance is a mock without an override.</exception>
    public virtual JinaEmbeddingClient GetEmbeddingsClient() => new(RequireConnection(), ownsConnection: false);

    /// <summary>Gets a client for <c>POST /v1/rerank</c> on this client's connection.</summary>
    /// <param name="options">The rerank client's own settings (its default model), or <see langword="null"/> for the defaults.</param>
    /// <returns>The rerank client. Disposing it leaves the connection to this client.</returns>
    /// <exception cref="NotSupportedException">This instance is a mock without an override.</exception>
    public virtual JinaRerankClient GetRerankClient(JinaRerankClientOptions? options = null) => new(RequireConnection(), ownsConnection: false, options);

    /// <summary>Gets a client for zero-shot and few-shot classification (<c>POST /v1/classify</c>, <c>/v1/train</c>, <c>/v1/classifiers</c>) on this connection.</summary>
    /// <returns>A client that shares this root's connection; disposing it does nothing, dispose the root.</returns>
    /// <exception cref="NotSupportedException">This instance was built for mocking and has no connection.</exception>
    public virtual JinaClassificationClient GetClassificationClient() => new(RequireConnection(), ownsConnection: false);

    /// <summary>Gets a client for the live model catalogue (<c>GET /v1/models</c>) on this client's connection.</summary>
    /// <returns>The catalogue client, with a cache of its own. Disposing it leaves the connection to this client.</returns>
    /// <exception cref="NotSupportedException">This instance is a mock without an override.</exception>
    public virtual JinaModelsClient GetModelsClient() => new(RequireConnection(), ownsConnection: false);

    /// <summary>Describes the client without the API key.</summary>
    /// <returns>The endpoint.</returns>
    public override string ToString() => $"JinaClient {{ Endpoint = {Endpoint} }}";

    /// <inheritdoc/>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Disposes the <see cref="HttpClient"/> and the rate limiters this client created.</summary>
    /// <param name="disposing"><see langword="true"/> when called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _connection?.Dispose();
        }
    }

    private JinaConnection RequireConnection() => _connection ?? throw new NotSupportedException(
        "This JinaClient was built with the protected constructor, for mocking, and has no connection. Override the Get…Client method you call to return a mock.");
}
