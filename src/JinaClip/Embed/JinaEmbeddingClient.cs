using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using JinaClip.Configuration;
using JinaClip.Connection;
using JinaClip.Embed;
using JinaClip.Engine;
using JinaClip.Http;
using JinaClip.Planning;
using JinaClip.Telemetry;

namespace JinaClip;

/// <summary>
/// A client for Jina AI's <c>POST /v1/embeddings</c>: texts and images (URL, bytes, file, stream), freely mixed, to
/// vectors in input order with the tokens used. Thread-safe; create one and reuse it.
/// </summary>
/// <remarks>
/// Every call is planned whole before its first request: options are checked against the model, every input is
/// checked (files exist and are readable, sizes are within the limit) and estimated once, and the inputs are cut into
/// batches. The batches go through one request pipeline (rate limits, retries, timeouts, auth, telemetry, send, read)
/// concurrently and are merged in input order. The API key is sent only to <see cref="JinaClientOptions.Endpoint"/>,
/// only over https (or http to a loopback host), and never appears in messages, logs or <see cref="ToString"/>.
/// </remarks>
public class JinaEmbeddingClient : IDisposable
{
    private readonly CallPlanner? _planner;
    private readonly EmbeddingBatches? _batches;
    private readonly JinaConnection? _connection;
    private readonly bool _ownsConnection;
    private readonly TimeProvider _timeProvider = TimeProvider.System;

    /// <summary>Gets what this client shares with the rerank and catalogue clients made from it (<see langword="null"/> on a mock).</summary>
    internal JinaConnection? Connection => _connection;

    /// <summary>Gets the clock of this client (<see cref="JinaClientOptions.TimeProvider"/>), for what the adapters stamp.</summary>
    internal TimeProvider Clock => _timeProvider;

    /// <summary>Creates a client with an API key and default options.</summary>
    /// <param name="apiKey">The Jina API key.</param>
    /// <exception cref="ArgumentException"><paramref name="apiKey"/> is null, empty or white space.</exception>
    public JinaEmbeddingClient(string apiKey)
        : this(null, new JinaClientOptions { ApiKey = ApiKeyResolver.Resolve(apiKey, nameof(apiKey)) })
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
        : this(new JinaConnection(httpClient, options), ownsConnection: true)
    {
    }

    /// <summary>Creates a client on a connection another client (a <see cref="JinaClient"/>) shares.</summary>
    internal JinaEmbeddingClient(JinaConnection connection, bool ownsConnection)
    {
        _connection = connection;
        _ownsConnection = ownsConnection;
        EmbeddingsUri = connection.Pipeline.UrlOf("v1/embeddings");
        DefaultModel = connection.Options.DefaultModel;
        ValidatesRequests = connection.Options.ValidateRequests;
        _timeProvider = connection.Time;
        _planner = new CallPlanner(connection.Options);
        _batches = new EmbeddingBatches(connection);
    }

    /// <summary>Initializes an instance for mocking: override <see cref="EmbedAsync(IEnumerable{EmbeddingInput}, EmbeddingOptions?, CancellationToken)"/>.</summary>
    /// <remarks>
    /// Every other call goes through that override: the single-input and text overloads, <see cref="EmbedTextAsync"/>,
    /// <see cref="EmbedImageAsync"/>, and <see cref="EmbedStreamAsync"/> (in chunks of up to 512 inputs). Without the
    /// override, a call throws <see cref="NotSupportedException"/>: this instance has no HTTP client and no key.
    /// <see cref="DefaultModel"/> is <see cref="JinaModels.ClipV1"/> and <see cref="EmbeddingsUri"/> is the default
    /// endpoint's, so adapters such as <see cref="JinaEmbeddingClientAIExtensions.AsEmbeddingGenerator"/> work on a mock.
    /// </remarks>
    protected JinaEmbeddingClient()
    {
        DefaultModel = JinaModels.ClipV1;
        EmbeddingsUri = EndpointPolicy.EmbeddingsUri(JinaClientOptions.DefaultEndpoint, nameof(EmbeddingsUri));
    }

    /// <summary>Gets the model used when a call does not name one.</summary>
    public string DefaultModel { get; }

    /// <summary>Gets the URL requests are sent to (<c>{Endpoint}v1/embeddings</c>).</summary>
    public Uri EmbeddingsUri { get; }

    /// <summary>Gets whether calls are checked against the model table (<see cref="JinaClientOptions.ValidateRequests"/>; a mock's is <see langword="true"/>).</summary>
    internal bool ValidatesRequests { get; } = true;

    /// <summary>Embeds inputs of any kind, mixed, splitting them into batches when they exceed one request's limits.</summary>
    /// <param name="inputs">The inputs; a <see cref="string"/> converts to a text input.</param>
    /// <param name="options">Per-call options, or <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One embedding per input, in input order, with the model and the usage summed over batches.</returns>
    /// <exception cref="ArgumentException">The inputs or options are invalid for the model; nothing was sent.</exception>
    /// <exception cref="FileNotFoundException">An image file does not exist; nothing was sent.</exception>
    /// <exception cref="JinaTokenBudgetException">The call's estimate exceeds <see cref="JinaClientOptions.MaxEstimatedTokensPerCall"/>; nothing was sent.</exception>
    /// <exception cref="JinaApiException">The API answered with an error status (after retries, for transient ones).</exception>
    /// <exception cref="JinaInvalidResponseException">The response does not hold exactly one valid embedding per input.</exception>
    /// <exception cref="JinaBatchException">A call of several batches failed part-way; the completed embeddings are in it.</exception>
    /// <exception cref="TimeoutException">A request took longer than its timeout.</exception>
    /// <exception cref="HttpRequestException">The connection failed or was reset, or the body ended early.</exception>
    /// <remarks>
    /// The whole call is checked before its first request. A call that fits one request fails with the request's own
    /// exception. A call split into several requests fails with <see cref="JinaBatchException"/>, naming the failed
    /// input ranges and carrying what completed. A call with <c>late_chunking</c> is never split: it is one sequence.
    /// </remarks>
    public virtual async Task<JinaEmbeddingCollection> EmbedAsync(
        IEnumerable<EmbeddingInput> inputs, EmbeddingOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (_planner is null)
        {
            throw new NotSupportedException(
                "This JinaEmbeddingClient was built with the protected constructor, for mocking, and cannot send requests. Override EmbedAsync(IEnumerable<EmbeddingInput>, EmbeddingOptions?, CancellationToken): the other calls go through it.");
        }

        using var operation = OperationTelemetry.Start(options?.Model ?? DefaultModel, EmbeddingsUri, _timeProvider);
        try
        {
            var result = await EmbedCallAsync(inputs, options, operation, cancellationToken).ConfigureAwait(false);
            operation?.Succeeded(result.Model, result.Usage.PromptTokens ?? result.Usage.TotalTokens);
            return result;
        }
        catch (Exception ex)
        {
            operation?.Failed(ex);
            throw;
        }
    }

    private async Task<JinaEmbeddingCollection> EmbedCallAsync(
        IEnumerable<EmbeddingInput> inputs, EmbeddingOptions? options, OperationTelemetry? operation, CancellationToken cancellationToken)
    {
        var call = await _planner!.PlanAsync(inputs, options, cancellationToken).ConfigureAwait(false);
        var run = new BatchRun { TraceParent = operation?.Context ?? default, Failures = call.Failures };
        var results = new List<JinaEmbedding>(call.InputCount);
        string? model = null;
        Exception Fail(EngineFailure<Batch, JinaEmbeddingCollection> failure)
        {
            if (call.Batches.Count == 1)
            {
                ExceptionDispatchInfo.Capture(failure.Failures[0].Error).Throw();
            }

            var pending = call.Batches.Skip(run.Launched).Select(b => b.Range).ToArray();
            return BatchFailureReport.ToPublic(failure, results, pending, run);
        }

        await foreach (var batch in _batches!.RunAsync(call.Plan, RequestEngine.ToAsync(call.Batches), int.MaxValue, run, Fail, cancellationToken).ConfigureAwait(false))
        {
            if (call.Batches.Count == 1 && !call.Plan.SkipBadInputs)
            {
                return batch;
            }

            results.AddRange(batch);
            model ??= batch.Count > 0 ? batch.Model : null;
        }

        // Batches come out in call order and each in input order, so the results are in input order.
        var failures = call.Failures.Snapshot();
        Array.Sort(failures, (a, b) => a.Index.CompareTo(b.Index));
        return new JinaEmbeddingCollection(results, model ?? call.Plan.Model, run.Usage.ToUsage(), validated: true, failures);
    }

    /// <summary>Embeds texts, splitting them into batches when they exceed one request's limits.</summary>
    /// <param name="texts">The texts; none null, empty or white space.</param>
    /// <param name="options">Per-call options, or <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One embedding per text, in order, with the model and the usage.</returns>
    /// <exception cref="ArgumentException">A text is null or empty, the list is empty, or the options are invalid for the model; nothing was sent.</exception>
    /// <exception cref="JinaApiException">The API answered with an error status.</exception>
    /// <remarks>Fails as <see cref="EmbedAsync(IEnumerable{EmbeddingInput}, EmbeddingOptions?, CancellationToken)"/> does.</remarks>
    public virtual Task<JinaEmbeddingCollection> EmbedAsync(
        IEnumerable<string> texts, EmbeddingOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var inputs = texts.Select((t, i) => t is null ? throw new ArgumentException($"Input {i} is null.", nameof(texts)) : EmbeddingInput.FromText(t)).ToArray();
        return EmbedAsync(inputs, options, cancellationToken);
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
        return embedding.GetVector();
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
        return embedding.GetVector();
    }

    /// <summary>
    /// Embeds a stream of inputs of any length, yielding embeddings in input order as batches complete. Memory stays
    /// bounded by <see cref="JinaClientOptions.MaxConcurrency"/> × the batch size, whatever the stream's length.
    /// </summary>
    /// <param name="inputs">The inputs, read once, as they are needed.</param>
    /// <param name="options">Per-call options (no <c>late_chunking</c>: a stream is not one sequence), or <see langword="null"/>.</param>
    /// <param name="progress">Told after each batch: inputs done, tokens used and retries so far.</param>
    /// <param name="cancellationToken">Cancels the stream; requests in flight are cancelled.</param>
    /// <returns>One embedding per input, in input order, each with its index in the stream.</returns>
    /// <exception cref="ArgumentException">An option or input is invalid for the model; the batch holding it was not sent.</exception>
    /// <exception cref="JinaBatchException">
    /// A batch failed after its retries. Embeddings already yielded stay yours; those completed but not yet yielded are in
    /// <see cref="JinaBatchException.CompletedEmbeddings"/>, and the stream was not read further.
    /// </exception>
    /// <remarks>
    /// Batches are cut by the same rule as <see cref="EmbedAsync(IEnumerable{EmbeddingInput}, EmbeddingOptions?, CancellationToken)"/>,
    /// and each batch is checked whole before it is sent.
    /// </remarks>
    public virtual async IAsyncEnumerable<JinaEmbedding> EmbedStreamAsync(
        IAsyncEnumerable<EmbeddingInput> inputs,
        EmbeddingOptions? options = null,
        IProgress<EmbeddingProgress>? progress = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (_planner is null)
        {
            await foreach (var embedding in CollectionCallStream.RunAsync((chunk, ct) => EmbedAsync(chunk, options, ct), inputs, progress, cancellationToken).ConfigureAwait(false))
            {
                yield return embedding;
            }

            yield break;
        }

        var plan = _planner.PlanOptions(options);
        if (plan.LateChunking)
        {
            throw new ArgumentException("late_chunking embeds all inputs as one sequence and cannot be streamed; call EmbedAsync instead.", nameof(options));
        }

        using var operation = OperationTelemetry.Start(plan.Model, EmbeddingsUri, _timeProvider);
        var position = new StreamPosition();
        var run = new BatchRun { TraceParent = operation?.Context ?? default, Failures = position.Failures };
        var yielded = 0;
        var reported = 0;
        string? model = null;
        Exception Fail(EngineFailure<Batch, JinaEmbeddingCollection> failure) => BatchFailureReport.ToPublic(
            failure, [], position.Unsent, run,
            (yielded == 0 ? "No embedding was yielded yet" : $"Inputs 0..{yielded - 1} were already yielded") + $"; the stream was not read past input {position.Read - 1}.");

        var batches = _planner.PlanStreamAsync(plan, inputs, position, cancellationToken);
        var enumerator = _batches!.RunAsync(plan, batches, _batches.MaxConcurrency, run, Fail, cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using (enumerator.ConfigureAwait(false))
        {
            while (await MoveNextAsync(enumerator, operation).ConfigureAwait(false))
            {
                var batch = enumerator.Current;
                model ??= batch.Count > 0 ? batch.Model : null;
                foreach (var embedding in batch)
                {
                    yield return embedding;
                }

                yielded += batch.Count;
                reported = position.Failures.Count;
                progress?.Report(new EmbeddingProgress(yielded, run.Usage.TotalTokens, run.Retries.Retries, position.Failures.Snapshot()));
            }
        }

        if (position.Failures.Count != reported)
        {
            progress?.Report(new EmbeddingProgress(yielded, run.Usage.TotalTokens, run.Retries.Retries, position.Failures.Snapshot())); // skipped after the last batch
        }

        var usage = run.Usage.ToUsage();
        operation?.Succeeded(model, usage.PromptTokens ?? usage.TotalTokens);
    }

    /// <summary>Describes the client without the API key.</summary>
    /// <returns>The endpoint and default model.</returns>
    public override string ToString() => $"JinaEmbeddingClient {{ Endpoint = {EmbeddingsUri}, DefaultModel = {DefaultModel} }}";

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
        if (disposing && _ownsConnection)
        {
            _connection?.Dispose();
        }
    }

    private static async ValueTask<bool> MoveNextAsync(IAsyncEnumerator<JinaEmbeddingCollection> enumerator, OperationTelemetry? operation)
    {
        try
        {
            return await enumerator.MoveNextAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (Recorded(operation, ex))
        {
            throw; // never reached: the filter records the failure and lets it pass
        }
    }

    private static bool Recorded(OperationTelemetry? operation, Exception exception)
    {
        operation?.Failed(exception);
        return false;
    }

    private static void RequireFloat(EmbeddingOptions? options)
    {
        if (options?.EmbeddingType is EmbeddingType.Binary or EmbeddingType.UBinary)
        {
            throw new ArgumentException(
                "This method returns float vectors; call EmbedAsync for binary or ubinary embeddings.", nameof(options));
        }
    }
}
