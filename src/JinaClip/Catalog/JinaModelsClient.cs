using JinaClip.Configuration;
using JinaClip.Connection;
using JinaClip.Engine;
using JinaClip.Http;
using JinaClip.Pipeline;
using JinaClip.Wire;

namespace JinaClip;

/// <summary>
/// Jina AI's live model catalogue (<c>GET /v1/models</c>): ids, context lengths, maximum dimensions, modalities and
/// prices. The list is cached for <see cref="JinaClientOptions.ModelCatalogCacheDuration"/>. Nothing else in the SDK
/// needs it: embeddings and rerank calls work offline from the SDK's built-in model table. Thread-safe.
/// </summary>
public class JinaModelsClient : IDisposable
{
    private readonly JinaConnection? _connection;
    private readonly bool _ownsConnection;

    // One refresh of the cached list at a time (a lock around one request, not a fan-out: the request runs on the engine).
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private (IReadOnlyList<ModelInfo> Models, DateTimeOffset FetchedAt)? _cache;

    /// <summary>Creates a client that owns its own <see cref="HttpClient"/>.</summary>
    /// <param name="options">The options; the API key falls back to <c>JINA_API_KEY</c> (the API's catalogue needs none, but the client sends it to its endpoint as for every call).</param>
    /// <exception cref="ArgumentException">No API key is set, the endpoint is not allowed, or a limit is out of range.</exception>
    public JinaModelsClient(JinaClientOptions options)
        : this(null, options)
    {
    }

    /// <summary>Creates a client on an <see cref="HttpClient"/> the caller owns.</summary>
    /// <param name="httpClient">The client used to send requests; its <see cref="HttpClient.BaseAddress"/> is not used.</param>
    /// <param name="options">The options.</param>
    /// <exception cref="ArgumentException">No API key is set, the endpoint is not allowed, or a limit is out of range.</exception>
    public JinaModelsClient(HttpClient? httpClient, JinaClientOptions options)
        : this(new JinaConnection(httpClient, options), ownsConnection: true)
    {
    }

    /// <summary>Initializes an instance for mocking: override <see cref="GetModelsAsync"/> (and <see cref="GetModelAsync"/> if used).</summary>
    protected JinaModelsClient()
    {
        ModelsUri = new Uri(EndpointPolicy.BaseUri(JinaClientOptions.DefaultEndpoint, nameof(ModelsUri)), "v1/models");
    }

    internal JinaModelsClient(JinaConnection connection, bool ownsConnection)
    {
        _connection = connection;
        _ownsConnection = ownsConnection;
        ModelsUri = connection.Pipeline.UrlOf("v1/models");
    }

    /// <summary>Gets the connection this client sends on (<see langword="null"/> on a mock).</summary>
    internal JinaConnection? Connection => _connection;

    /// <summary>Gets the catalogue's URL (<c>{Endpoint}v1/models</c>).</summary>
    public Uri ModelsUri { get; }

    /// <summary>Gets every model of the catalogue, from the cache while it is fresh.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The models, in the API's order.</returns>
    /// <exception cref="JinaApiException">The API answered with an error status (after retries, for transient ones).</exception>
    /// <exception cref="JinaInvalidResponseException">The answer is not a model list.</exception>
    public virtual async Task<IReadOnlyList<ModelInfo>> GetModelsAsync(CancellationToken cancellationToken = default)
    {
        var connection = RequireConnection();
        if (Fresh(connection) is { } cached)
        {
            return cached;
        }

        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Fresh(connection) is { } fetched)
            {
                return fetched;
            }

            var models = await SendAsync(connection, new ModelCatalogCall(null) { Model = string.Empty }, cancellationToken).ConfigureAwait(false);
            _cache = (models, connection.Time.GetUtcNow());
            return models;
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>Gets one model by its short (<c>jina-clip-v1</c>) or full (<c>jina-ai/jina-clip-v1</c>) id.</summary>
    /// <param name="id">The id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The model, or <see langword="null"/> when the catalogue has no such model.</returns>
    /// <exception cref="ArgumentException"><paramref name="id"/> is empty.</exception>
    /// <exception cref="JinaApiException">The API answered with an error status other than 404.</exception>
    public virtual async Task<ModelInfo?> GetModelAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        var connection = RequireConnection();
        if (Fresh(connection) is { } cached)
        {
            return cached.FirstOrDefault(m => m.Id == id || m.ShortId == id);
        }

        try
        {
            var models = await SendAsync(connection, new ModelCatalogCall(id) { Model = string.Empty }, cancellationToken).ConfigureAwait(false);
            return models[0];
        }
        catch (JinaApiException ex) when (ex.StatusCode == System.Net.HttpStatusCode.NotFound && ex is not JinaInvalidResponseException)
        {
            return null;
        }
    }

    /// <summary>Describes the client.</summary>
    /// <returns>The catalogue's URL.</returns>
    public override string ToString() => $"JinaModelsClient {{ Endpoint = {ModelsUri} }}";

    /// <inheritdoc/>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Disposes what this client created.</summary>
    /// <param name="disposing"><see langword="true"/> when called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _refresh.Dispose();
            if (_ownsConnection)
            {
                _connection?.Dispose();
            }
        }
    }

    /// <summary>A catalogue call is one request: a run of one part on the engine, through the shared pipeline.</summary>
    private static Task<List<ModelInfo>> SendAsync(JinaConnection connection, ModelCatalogCall call, CancellationToken cancellationToken) =>
        RequestEngine.RunOneAsync(call, (c, ct) => connection.Pipeline.SendAsync<List<ModelInfo>>(c, 0, new RetryCounter(), default, ct), cancellationToken);

    private JinaConnection RequireConnection() => _connection ?? throw new NotSupportedException(
        "This JinaModelsClient was built with the protected constructor, for mocking, and cannot send requests. Override GetModelsAsync.");

    private IReadOnlyList<ModelInfo>? Fresh(JinaConnection connection) =>
        _cache is { } cache && connection.Time.GetUtcNow() - cache.FetchedAt < connection.Options.ModelCatalogCacheDuration ? cache.Models : null;
}
