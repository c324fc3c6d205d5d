using JinaClip.Configuration;
using JinaClip.Connection;
using JinaClip.Costs;
using JinaClip.Engine;
using JinaClip.Http;
using JinaClip.Planning;
using JinaClip.Preparation;
using JinaClip.Rerank;
using JinaClip.Telemetry;
using JinaClip.Wire;

namespace JinaClip;

/// <summary>
/// A client for Jina AI's <c>POST /v1/rerank</c>: ranks documents (texts, or for jina-reranker-m0 also images as URL,
/// bytes, file or stream) by relevance to a query, best first, each with its position in your list. Thread-safe; create
/// one and reuse it, or get one that shares a root client's connection with <see cref="JinaClient.GetRerankClient"/>.
/// </summary>
/// <remarks>
/// It shares everything with the embeddings client: <see cref="JinaClientOptions"/>, the request pipeline (rate limits,
/// retries, timeouts, the key sent only to the endpoint, the response cap, telemetry and logging) and the emulator.
/// A list longer than <see cref="RerankOptions.MaxDocumentsPerRequest"/> is split into concurrent requests and merged by
/// score for rerankers that score each document on its own, and refused for a listwise reranker (jina-reranker-v3).
/// </remarks>
public class JinaRerankClient : IDisposable
{
    private readonly JinaConnection? _connection;
    private readonly bool _ownsConnection;

    /// <summary>Gets the connection this client sends on (<see langword="null"/> on a mock).</summary>
    internal JinaConnection? Connection => _connection;

    /// <summary>Creates a client with an API key and default options.</summary>
    /// <param name="apiKey">The Jina API key.</param>
    /// <exception cref="ArgumentException"><paramref name="apiKey"/> is null, empty or white space.</exception>
    public JinaRerankClient(string apiKey)
        : this(null, new JinaClientOptions { ApiKey = ApiKeyResolver.Resolve(apiKey, nameof(apiKey)) })
    {
    }

    /// <summary>Creates a client that owns its own <see cref="HttpClient"/>.</summary>
    /// <param name="options">The connection's options; the API key falls back to <c>JINA_API_KEY</c>.</param>
    /// <param name="rerankOptions">The rerank client's own settings, or <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentException">No API key is set, the endpoint is not allowed, or a limit is out of range.</exception>
    public JinaRerankClient(JinaClientOptions options, JinaRerankClientOptions? rerankOptions = null)
        : this(null, options, rerankOptions)
    {
    }

    /// <summary>Creates a client on an <see cref="HttpClient"/> the caller owns (e.g. from <c>IHttpClientFactory</c>).</summary>
    /// <param name="httpClient">The client used to send requests; its <see cref="HttpClient.BaseAddress"/> is not used.</param>
    /// <param name="options">The connection's options; the API key falls back to <c>JINA_API_KEY</c>.</param>
    /// <param name="rerankOptions">The rerank client's own settings, or <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentException">No API key is set, the endpoint is not allowed, or a limit is out of range.</exception>
    public JinaRerankClient(HttpClient? httpClient, JinaClientOptions options, JinaRerankClientOptions? rerankOptions = null)
        : this(new JinaConnection(httpClient, options), ownsConnection: true, rerankOptions)
    {
    }

    /// <summary>Initializes an instance for mocking: override <see cref="RerankAsync(string, IEnumerable{EmbeddingInput}, RerankOptions?, CancellationToken)"/>.</summary>
    /// <remarks>The text overload goes through that override. Without it, a call throws <see cref="NotSupportedException"/>.</remarks>
    protected JinaRerankClient()
    {
        DefaultModel = JinaModels.RerankerV2BaseMultilingual;
        RerankUri = new Uri(EndpointPolicy.BaseUri(JinaClientOptions.DefaultEndpoint, nameof(RerankUri)), "v1/rerank");
    }

    internal JinaRerankClient(JinaConnection connection, bool ownsConnection, JinaRerankClientOptions? rerankOptions)
    {
        _connection = connection;
        _ownsConnection = ownsConnection;
        DefaultModel = rerankOptions?.DefaultModel ?? JinaModels.RerankerV2BaseMultilingual;
        ArgumentException.ThrowIfNullOrWhiteSpace(DefaultModel, nameof(rerankOptions));
        RerankUri = connection.Pipeline.UrlOf("v1/rerank");
    }

    /// <summary>Gets the reranker used when a call does not name one (<see cref="JinaRerankClientOptions.DefaultModel"/>).</summary>
    public string DefaultModel { get; }

    /// <summary>Gets the URL requests are sent to (<c>{Endpoint}v1/rerank</c>).</summary>
    public Uri RerankUri { get; }

    /// <summary>Ranks texts by relevance to <paramref name="query"/>.</summary>
    /// <param name="query">The query.</param>
    /// <param name="documents">The documents, in your order; results name them by position.</param>
    /// <param name="options">Per-call options, or <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The ranked documents, best first.</returns>
    /// <exception cref="ArgumentException">The query, a document or an option is invalid for the model; nothing was sent.</exception>
    /// <exception cref="JinaApiException">The API answered with an error status (after retries, for transient ones).</exception>
    /// <exception cref="JinaInvalidResponseException">The response is not a valid ranking of the documents sent.</exception>
    public virtual Task<RerankResult> RerankAsync(
        string query, IEnumerable<string> documents, RerankOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        return RerankAsync(query, documents.Select((d, i) => d is null ? null! : EmbeddingInput.FromText(d)), options, cancellationToken);
    }

    /// <summary>Ranks documents of any kind (texts, and images for jina-reranker-m0) by relevance to <paramref name="query"/>.</summary>
    /// <param name="query">The query (a text).</param>
    /// <param name="documents">The documents, in your order; results name them by position. A <see cref="string"/> converts to a text.</param>
    /// <param name="options">Per-call options, or <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The ranked documents, best first (<see cref="RerankOptions.TopN"/> of them, or all), with the model and the tokens used.</returns>
    /// <exception cref="ArgumentException">The query, a document or an option is invalid for the model, or a listwise model was given more documents than one request holds; nothing was sent.</exception>
    /// <exception cref="FileNotFoundException">An image file does not exist; nothing was sent.</exception>
    /// <exception cref="JinaApiException">The API answered with an error status (after retries, for transient ones).</exception>
    /// <exception cref="JinaInvalidResponseException">The response is not a valid ranking of the documents sent.</exception>
    /// <exception cref="TimeoutException">A request took longer than its timeout.</exception>
    /// <exception cref="HttpRequestException">The connection failed or was reset.</exception>
    public virtual async Task<RerankResult> RerankAsync(
        string query, IEnumerable<EmbeddingInput> documents, RerankOptions? options = null, CancellationToken cancellationToken = default)
    {
        var connection = _connection ?? throw new NotSupportedException(
            "This JinaRerankClient was built with the protected constructor, for mocking, and cannot send requests. Override RerankAsync(string, IEnumerable<EmbeddingInput>, RerankOptions?, CancellationToken): the text overload goes through it.");
        var settings = connection.Options;
        using var operation = OperationTelemetry.Start("rerank", options?.Model ?? DefaultModel, RerankUri, connection.Time);
        try
        {
            var plan = await RerankPlanner.PlanAsync(
                query, documents, options, DefaultModel, settings.ValidateRequests, !settings.AllowUnrecognizedImageFormats, cancellationToken).ConfigureAwait(false);
            var parts = await SendAllAsync(connection, plan, cancellationToken).ConfigureAwait(false);
            var result = RerankMerger.Merge(plan, parts);
            operation?.Succeeded(result.Model, result.TotalTokens);
            return result;
        }
        catch (Exception ex)
        {
            operation?.Failed(ex);
            throw;
        }
    }

    /// <summary>Describes the client without the API key.</summary>
    /// <returns>The endpoint and default model.</returns>
    public override string ToString() => $"JinaRerankClient {{ Endpoint = {RerankUri}, DefaultModel = {DefaultModel} }}";

    /// <inheritdoc/>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Disposes the <see cref="HttpClient"/> and rate limiters this client created (none, for a client handed out by a <see cref="JinaClient"/>).</summary>
    /// <param name="disposing"><see langword="true"/> when called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing && _ownsConnection)
        {
            _connection?.Dispose();
        }
    }

    private static Task<RerankPart[]> SendAllAsync(JinaConnection connection, RerankPlan plan, CancellationToken cancellationToken) =>
        // Pointwise scores do not depend on the other documents of a request, so the requests of a split call run
        // concurrently on the engine and merge exactly; the first failure in list order is the call's exception.
        RequestEngine.RunAllAsync(plan.Requests, (range, ct) => SendAsync(connection, plan, range, ct), connection.Options.MaxConcurrency, cancellationToken);

    private static async Task<RerankPart> SendAsync(JinaConnection connection, RerankPlan plan, InputRange range, CancellationToken cancellationToken)
    {
        var documents = plan.Documents.AsMemory(range.Start, range.Count);
        var estimate = 0L;
        var queryTokens = RoughTokenEstimator.Text(plan.Query);
        foreach (var document in documents.Span)
        {
            estimate += queryTokens + RoughTokenEstimator.Estimate(document, plan.Model);
        }

        var prepared = await InputPreparer.PrepareAsync(
            documents, range.Start, !connection.Options.AllowUnrecognizedImageFormats, connection.Images, plan.Model, cancellationToken).ConfigureAwait(false);
        var options = plan.Options;
        var call = new RerankCall
        {
            Model = plan.Model,
            Query = plan.Query,
            Documents = prepared,
            TopN = options.TopN is { } n ? Math.Min(n, range.Count) : null,
            ReturnDocuments = options.ReturnDocuments,
            Truncation = options.Truncation,
            MaxDocumentLength = options.MaxDocumentLength,
            ReturnEmbeddings = options.ReturnEmbeddings,
            AdditionalFields = plan.AdditionalFields,
        };
        var part = await connection.Pipeline.SendAsync<RerankPart>(call, estimate, new Pipeline.RetryCounter(), default, cancellationToken).ConfigureAwait(false);
        return range.Start == 0 ? part : part with { Documents = [.. part.Documents.Select(d => d.ShiftedBy(range.Start))] };
    }
}
