using System.Buffers;
using System.Net.Http.Headers;
using JinaClip.Embeddings;
using JinaClip.Errors;
using JinaClip.Http;
using JinaClip.Inputs;
using JinaClip.Serialization;

namespace JinaClip;

/// <summary>
/// A client for Jina AI's <c>POST /v1/embeddings</c>: texts and images (URL, bytes, file, stream), freely mixed, to
/// vectors in input order with the tokens used. Thread-safe; create one and reuse it.
/// </summary>
/// <remarks>
/// Requests carry only the fields the chosen model accepts, and float vectors travel as base64 by default. The API
/// key is sent only to <see cref="JinaClientOptions.Endpoint"/>, only over https (or http to a loopback host), and
/// never appears in messages, logs or <see cref="ToString"/>.
/// </remarks>
public class JinaEmbeddingClient : IDisposable
{
    private static readonly ProductInfoHeaderValue UserAgent =
        new("JinaClip", typeof(JinaEmbeddingClient).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");

    private readonly HttpClient _http = null!;
    private readonly bool _ownsHttp;
    private readonly string _apiKey = string.Empty;
    private readonly Uri _embeddingsUri = null!;
    private readonly TimeSpan _networkTimeout;
    private readonly FloatTransport _floatTransport;
    private readonly TimeProvider _timeProvider = TimeProvider.System;

    /// <summary>Creates a client with an API key and default options.</summary>
    /// <param name="apiKey">The Jina API key.</param>
    /// <exception cref="ArgumentException"><paramref name="apiKey"/> is null, empty or white space.</exception>
    public JinaEmbeddingClient(string apiKey)
        : this(null, new JinaClientOptions { ApiKey = CheckKey(apiKey) })
    {
    }

    /// <summary>Creates a client that owns its own <see cref="HttpClient"/>.</summary>
    /// <param name="options">The options; the API key falls back to <c>JINA_API_KEY</c>.</param>
    /// <exception cref="ArgumentException">No API key is set, or the endpoint is not allowed.</exception>
    public JinaEmbeddingClient(JinaClientOptions options)
        : this(null, options)
    {
    }

    /// <summary>Creates a client on an <see cref="HttpClient"/> the caller owns (e.g. from <c>IHttpClientFactory</c>).</summary>
    /// <param name="httpClient">The client used to send requests; its <see cref="HttpClient.BaseAddress"/> is not used.</param>
    /// <param name="options">The options; the API key falls back to <c>JINA_API_KEY</c>.</param>
    /// <exception cref="ArgumentException">No API key is set, or the endpoint is not allowed.</exception>
    public JinaEmbeddingClient(HttpClient? httpClient, JinaClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DefaultModel, nameof(options));
        if (options.NetworkTimeout <= TimeSpan.Zero && options.NetworkTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.NetworkTimeout, "JinaClientOptions.NetworkTimeout must be positive.");
        }

        _embeddingsUri = EndpointPolicy.EmbeddingsUri(options.Endpoint, nameof(options));
        _apiKey = ApiKeyResolver.Resolve(options.ApiKey, nameof(options));
        DefaultModel = options.DefaultModel;
        _networkTimeout = options.NetworkTimeout;
        _floatTransport = options.FloatTransport;
        _timeProvider = options.TimeProvider ?? TimeProvider.System;
        _ownsHttp = httpClient is null;
        _http = httpClient ?? DefaultHttpClient.Create();
    }

    /// <summary>Initializes an instance for mocking; every method must be overridden.</summary>
    protected JinaEmbeddingClient()
    {
        DefaultModel = JinaModels.ClipV1;
    }

    /// <summary>Gets the model used when a call does not name one.</summary>
    public string DefaultModel { get; }

    /// <summary>Gets the URL requests are sent to.</summary>
    public Uri EmbeddingsUri => _embeddingsUri;

    /// <summary>Embeds inputs of any kind, mixed, in one request.</summary>
    /// <param name="inputs">The inputs; a <see cref="string"/> converts to a text input.</param>
    /// <param name="options">Per-call options, or <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One embedding per input, in input order, with the model and usage.</returns>
    /// <exception cref="ArgumentException">The inputs or options are invalid for the model; nothing was sent.</exception>
    /// <exception cref="FileNotFoundException">An image file does not exist; nothing was sent.</exception>
    /// <exception cref="JinaApiException">The API answered with an error status.</exception>
    /// <exception cref="JinaInvalidResponseException">The response does not hold exactly one valid embedding per input.</exception>
    /// <exception cref="TimeoutException">The request took longer than <see cref="JinaClientOptions.NetworkTimeout"/>.</exception>
    /// <exception cref="HttpRequestException">The connection failed or was reset, or the body ended early.</exception>
    public virtual async Task<JinaEmbeddingCollection> EmbedAsync(
        IEnumerable<EmbeddingInput> inputs, EmbeddingOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = InputPreparer.Materialize(inputs, nameof(inputs));
        var model = options?.Model ?? DefaultModel;
        ArgumentException.ThrowIfNullOrWhiteSpace(model, nameof(options));
        var spec = RequestValidator.Validate(model, options, list);
        var prepared = await InputPreparer.PrepareAsync(list, cancellationToken).ConfigureAwait(false);
        var request = new EmbeddingRequest
        {
            Model = model,
            Inputs = prepared,
            WireType = options?.EmbeddingType ?? (_floatTransport == FloatTransport.Float ? EmbeddingType.Float : EmbeddingType.Base64),
            Task = options?.Task,
            Dimensions = options?.Dimensions,
            Normalized = options?.Normalized,
            LateChunking = options?.LateChunking,
            Truncate = options?.Truncate,
            TextAsPlainString = spec is { AcceptsImages: false },
            ExpectedDimensions = options?.Dimensions ?? spec?.NativeDimensions,
        };
        return await SendAsync(request, cancellationToken).ConfigureAwait(false);
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
    public override string ToString() => $"JinaEmbeddingClient {{ Endpoint = {_embeddingsUri}, DefaultModel = {DefaultModel} }}";

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
        if (disposing && _ownsHttp)
        {
            _http.Dispose();
        }
    }

    private async Task<JinaEmbeddingCollection> SendAsync(EmbeddingRequest request, CancellationToken cancellationToken)
    {
        var body = new ArrayBufferWriter<byte>(4096);
        EmbeddingRequestWriter.Write(request, body);

        using var message = new HttpRequestMessage(HttpMethod.Post, _embeddingsUri) { Content = new JsonRequestContent(body) };
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _apiKey);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        message.Headers.UserAgent.Add(UserAgent);

        using var timeout = _networkTimeout == Timeout.InfiniteTimeSpan
            ? new CancellationTokenSource()
            : new CancellationTokenSource(_networkTimeout, _timeProvider);
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
            throw new HttpRequestException($"The connection to {_embeddingsUri} failed while the response was read: {ex.Message}", ex);
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"The request to {_embeddingsUri} did not complete within {_networkTimeout.TotalSeconds:0.###} s (JinaClientOptions.NetworkTimeout).", ex);
        }
    }

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
