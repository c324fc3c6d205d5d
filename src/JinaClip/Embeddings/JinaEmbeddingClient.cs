using JinaClip.Batching;
using JinaClip.Embeddings;
using JinaClip.Http;
using JinaClip.Inputs;
using JinaClip.Resilience;

namespace JinaClip;

/// <summary>
/// A client for Jina AI's <c>POST /v1/embeddings</c>: texts and images (URL, bytes, file, stream), freely mixed, to
/// vectors in input order with the tokens used. Thread-safe; create one and reuse it.
/// </summary>
/// <remarks>
/// Requests carry only the fields the chosen model accepts, and float vectors travel as base64 by default. Calls with
/// more inputs than one request may hold are split into batches sent concurrently and merged in input order; each
/// request is retried on transient failures (see <see cref="JinaRetryOptions"/>). The API
/// key is sent only to <see cref="JinaClientOptions.Endpoint"/>, only over https (or http to a loopback host), and
/// never appears in messages, logs or <see cref="ToString"/>.
/// </remarks>
public partial class JinaEmbeddingClient : IDisposable
{
    private readonly EmbeddingTransport _transport = null!;
    private readonly BatchRunner _runner = null!;
    private readonly FloatTransport _floatTransport;
    private readonly int? _maxBatchSize;
    private readonly int _maxTokensPerRequest;
    private readonly long? _budget;
    private readonly TokenEstimator? _estimator;

    /// <summary>Creates a client with an API key and default options.</summary>
    /// <param name="apiKey">The Jina API key.</param>
    /// <exception cref="ArgumentException"><paramref name="apiKey"/> is null, empty or white space.</exception>
    public JinaEmbeddingClient(string apiKey)
        : this(null, new JinaClientOptions { ApiKey = CheckKey(apiKey) })
    {
    }

    /// <summary>Creates a client that owns its own <see cref="HttpClient"/>.</summary>
    /// <param name="options">The options; the API key falls back to <c>JINA_API_KEY</c>.</param>
    /// <exception cref="ArgumentException">No API key is set, the endpoint is not allowed, or a limit is out of range.</exception>
    public JinaEmbeddingClient(JinaClientOptions options)
        : this(null, options)
    {
    }

    /// <summary>Creates a client on an <see cref="HttpClient"/> the caller owns (e.g. from <c>IHttpClientFactory</c>).</summary>
    /// <param name="httpClient">The client used to send requests; its <see cref="HttpClient.BaseAddress"/> is not used.</param>
    /// <param name="options">The options; the API key falls back to <c>JINA_API_KEY</c>.</param>
    /// <exception cref="ArgumentException">No API key is set, the endpoint is not allowed, or a limit is out of range.</exception>
    public JinaEmbeddingClient(HttpClient? httpClient, JinaClientOptions options)
    {
        OptionsValidator.Validate(options);
        var embeddingsUri = EndpointPolicy.EmbeddingsUri(options.Endpoint, nameof(options));
        var apiKey = ApiKeyResolver.Resolve(options.ApiKey, nameof(options));
        DefaultModel = options.DefaultModel;
        _floatTransport = options.FloatTransport;
        _maxBatchSize = options.MaxBatchSize;
        _maxTokensPerRequest = options.MaxTokensPerRequest;
        _budget = options.MaxEstimatedTokensPerCall;
        _estimator = _budget is null ? null : new TokenEstimator(options.TokenEstimatorOptions);
        var timeProvider = options.TimeProvider ?? TimeProvider.System;
        _transport = new EmbeddingTransport(httpClient, options, embeddingsUri, apiKey);
        var logger = (Microsoft.Extensions.Logging.ILogger?)options.LoggerFactory?.CreateLogger("JinaClip") ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        var pipeline = ResiliencePipelineFactory.Create(options.Retry, options.TotalTimeout, timeProvider, logger, embeddingsUri);
        _runner = new BatchRunner(_transport, pipeline, options.TotalTimeout, options.MaxConcurrency);
    }

    /// <summary>Initializes an instance for mocking; every method must be overridden.</summary>
    protected JinaEmbeddingClient()
    {
        DefaultModel = JinaModels.ClipV1;
    }

    /// <summary>Gets the model used when a call does not name one.</summary>
    public string DefaultModel { get; }

    /// <summary>Gets the URL requests are sent to (<c>{Endpoint}v1/embeddings</c>).</summary>
    public Uri EmbeddingsUri => _transport.EmbeddingsUri;

    /// <summary>Embeds inputs of any kind, mixed, splitting them into batches when they exceed one request's limits.</summary>
    /// <param name="inputs">The inputs; a <see cref="string"/> converts to a text input.</param>
    /// <param name="options">Per-call options, or <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One embedding per input, in input order, with the model and the usage summed over batches.</returns>
    /// <exception cref="ArgumentException">The inputs or options are invalid for the model; nothing was sent.</exception>
    /// <exception cref="FileNotFoundException">An image file does not exist.</exception>
    /// <exception cref="JinaApiException">The API answered with an error status (after retries, for transient ones).</exception>
    /// <exception cref="JinaInvalidResponseException">The response does not hold exactly one valid embedding per input.</exception>
    /// <exception cref="JinaBatchException">A call of several batches failed part-way; the completed embeddings are in it.</exception>
    /// <exception cref="TimeoutException">A request or a batch took longer than its timeout.</exception>
    /// <exception cref="HttpRequestException">The connection failed or was reset, or the body ended early.</exception>
    /// <remarks>
    /// A call that fits one request fails with the request's own exception. A call split into several requests fails
    /// with <see cref="JinaBatchException"/>, naming the failed input ranges and carrying what completed. A call with
    /// <c>late_chunking</c> is never split: it is one sequence by definition.
    /// </remarks>
    public virtual async Task<JinaEmbeddingCollection> EmbedAsync(
        IEnumerable<EmbeddingInput> inputs, EmbeddingOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = InputPreparer.Materialize(inputs, nameof(inputs));
        var plan = Plan(options, list);
        var ranges = BatchPlanner.Plan(list, plan.Model, MaxInputs(plan), _maxTokensPerRequest, out var estimated);
        if (plan.LateChunking && ranges.Count > 1)
        {
            throw new ArgumentException(
                $"late_chunking embeds all inputs as one sequence, so the call cannot be split, but its {list.Length} inputs (about {estimated:N0} tokens) exceed one request (at most {MaxInputs(plan)} inputs and {_maxTokensPerRequest:N0} estimated tokens). Send fewer inputs or turn late_chunking off.",
                nameof(inputs));
        }

        if (_budget is { } budget)
        {
            var estimate = await _estimator!.EstimateAsync(list, plan.Model, cancellationToken).ConfigureAwait(false);
            if (estimate.TotalTokens > budget)
            {
                throw new JinaTokenBudgetException(estimate, budget);
            }
        }

        return await _runner.RunAsync(plan, list, ranges, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Embeds one input of any kind.</summary>
    /// <param name="input">The input; a <see cref="string"/> converts to a text input.</param>
    /// <param name="options">Per-call options, or <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The embedding.</returns>
    /// <exception cref="ArgumentException">The input or options are invalid for the model; nothing was sent.</exception>
    /// <exception cref="JinaApiException">The API answered with an error status.</exception>
    public virtual async Task<JinaEmbedding> EmbedAsync(
        EmbeddingInput input, EmbeddingOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var result = await EmbedAsync([input], options, cancellationToken).ConfigureAwait(false);
        return result[0];
    }

    /// <summary>Embeds one text and returns its vector.</summary>
    /// <param name="text">The text.</param>
    /// <param name="options">Per-call options (float types only), or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The vector.</returns>
    /// <exception cref="ArgumentException"><paramref name="text"/> is empty, or the options ask for a binary type.</exception>
    /// <exception cref="JinaApiException">The API answered with an error status.</exception>
    public virtual async Task<ReadOnlyMemory<float>> EmbedTextAsync(
        string text, EmbeddingOptions? options = null, CancellationToken cancellationToken = default)
    {
        RequireFloat(options);
        var embedding = await EmbedAsync(EmbeddingInput.FromText(text), options, cancellationToken).ConfigureAwait(false);
        return embedding.Vector;
    }

    /// <summary>Embeds many texts in one request and returns their vectors in order.</summary>
    /// <param name="texts">The texts.</param>
    /// <param name="options">Per-call options (float types only), or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One vector per text, in order.</returns>
    /// <exception cref="ArgumentException">A text is empty, the list is empty, or the options ask for a binary type.</exception>
    /// <exception cref="JinaApiException">The API answered with an error status.</exception>
    public virtual async Task<IReadOnlyList<ReadOnlyMemory<float>>> EmbedTextsAsync(
        IEnumerable<string> texts, EmbeddingOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        RequireFloat(options);
        var inputs = texts.Select((t, i) => t is null ? throw new ArgumentException($"Text {i} is null.", nameof(texts)) : EmbeddingInput.FromText(t)).ToArray();
        var result = await EmbedAsync(inputs, options, cancellationToken).ConfigureAwait(false);
        return result.Select(e => e.Vector).ToArray();
    }

    /// <summary>Embeds one image and returns its vector.</summary>
    /// <param name="image">An image input (<see cref="EmbeddingInput.FromImageUrl(string)"/>, bytes, file or stream).</param>
    /// <param name="options">Per-call options (float types only), or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The vector.</returns>
    /// <exception cref="ArgumentException"><paramref name="image"/> is a text, or the options ask for a binary type.</exception>
    /// <exception cref="JinaApiException">The API answered with an error status.</exception>
    public virtual async Task<ReadOnlyMemory<float>> EmbedImageAsync(
        EmbeddingInput image, EmbeddingOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (!image.IsImage)
        {
            throw new ArgumentException("EmbedImageAsync takes an image input; use EmbedTextAsync for text.", nameof(image));
        }

        RequireFloat(options);
        var embedding = await EmbedAsync(image, options, cancellationToken).ConfigureAwait(false);
        return embedding.Vector;
    }

    /// <summary>Describes the client without the API key.</summary>
    /// <returns>The endpoint and default model.</returns>
    public override string ToString() => $"JinaEmbeddingClient {{ Endpoint = {_transport?.EmbeddingsUri}, DefaultModel = {DefaultModel} }}";

    /// <inheritdoc/>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Disposes the <see cref="HttpClient"/> when this client created it.</summary>
    /// <param name="disposing"><see langword="true"/> when called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _transport?.Dispose();
        }
    }

    private CallPlan Plan(EmbeddingOptions? options, EmbeddingInput[] inputs)
    {
        var model = options?.Model ?? DefaultModel;
        ArgumentException.ThrowIfNullOrWhiteSpace(model, nameof(options));
        var spec = RequestValidator.Validate(model, options, inputs);
        return new CallPlan(model, spec, options, _floatTransport);
    }

    private int MaxInputs(CallPlan plan) => _maxBatchSize ?? plan.Spec?.MaxInputs ?? Models.ModelSpec.DefaultMaxInputs;

    private static void RequireFloat(EmbeddingOptions? options)
    {
        if (options?.EmbeddingType is EmbeddingType.Binary or EmbeddingType.UBinary)
        {
            throw new ArgumentException(
                "This method returns float vectors; call EmbedAsync for binary or ubinary embeddings.", nameof(options));
        }
    }

    private static string CheckKey(string apiKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        return apiKey;
    }
}
