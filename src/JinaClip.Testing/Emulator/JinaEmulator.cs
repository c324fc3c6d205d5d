using System.Collections.Concurrent;
using System.Net;
using System.Text;
using JinaClip.Testing.Emulator;
using JinaClip.Testing.Faults;

namespace JinaClip.Testing;

/// <summary>
/// A local stand-in for Jina AI's <c>POST /v1/embeddings</c>, <c>POST /v1/rerank</c>, <c>GET /v1/models</c> and the
/// classification endpoints (<c>POST /v1/classify</c>, <c>POST /v1/train</c>, <c>GET /v1/classifiers</c>,
/// <c>DELETE /v1/classifiers/{id}</c>, few-shot classifiers kept in memory), shared by <see cref="JinaEmulatorHandler"/> (no sockets)
/// and <see cref="JinaEmulatorServer"/> (loopback HTTP). It checks requests as the API does (401, 400 unknown model,
/// 422 with field errors), answers with deterministic unit vectors of the model's native size, records what it
/// received, and meets scripted <see cref="Faults"/>. Vectors are stand-ins, not model output. Thread-safe.
/// </summary>
public sealed class JinaEmulator
{
    private readonly JinaEmulatorOptions _options;
    private readonly ClassifierStore _classifiers;
    private readonly QuotaMeter? _quota;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private long _requestCounter;

    /// <summary>Creates an emulator.</summary>
    /// <param name="options">Settings, or <see langword="null"/> for the defaults.</param>
    public JinaEmulator(JinaEmulatorOptions? options = null)
    {
        _options = options ?? new JinaEmulatorOptions();
        _classifiers = new ClassifierStore(_options);
        _quota = _options.Quota is { } quota ? new QuotaMeter(quota, _options.TimeProvider) : null;
    }

    /// <summary>
    /// Gets the address <c>UseJinaEmulator</c> gives a client in place of <c>https://api.jina.ai/</c>, so that logs and
    /// traces of an offline app do not claim requests to the real API. Nothing is ever sent to it: the emulator answers in
    /// memory (the <c>.invalid</c> top-level domain never resolves).
    /// </summary>
    /// <value><c>https://emulator.jina.invalid/</c>.</value>
    public static Uri Endpoint { get; } = new("https://emulator.jina.invalid/");

    /// <summary>Gets the scripted faults and latency.</summary>
    public EmulatorFaults Faults { get; } = new();

    /// <summary>Gets the requests received so far, oldest first, the key masked.</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>Gets the number of requests received so far.</summary>
    public int RequestCount => (int)Interlocked.Read(ref _requestCounter);

    /// <summary>Gets how many requests <see cref="JinaEmulatorOptions.Quota"/> answered with 429.</summary>
    public int QuotaRejections => _quota?.Rejected ?? 0;

    /// <summary>Creates an <see cref="HttpClient"/> whose requests this emulator answers in memory.</summary>
    /// <returns>A client; dispose it when done.</returns>
    public HttpClient CreateHttpClient() => new(new JinaEmulatorHandler(this));

    /// <summary>Creates a <see cref="JinaEmbeddingClient"/> wired to this emulator in memory.</summary>
    /// <param name="configure">Adjusts the client options; the key defaults to <see cref="JinaEmulatorOptions.ApiKey"/> or a placeholder.</param>
    /// <returns>The client; disposing it does not dispose the emulator.</returns>
    public JinaEmbeddingClient CreateClient(Action<JinaClientOptions>? configure = null)
    {
        var options = new JinaClientOptions { ApiKey = _options.ApiKey ?? "jina_emulator" };
        configure?.Invoke(options);
        return new JinaEmbeddingClient(CreateHttpClient(), options);
    }

    /// <summary>Creates a root <see cref="JinaClient"/> wired to this emulator in memory: its embeddings, rerank and catalogue clients all reach the emulator.</summary>
    /// <param name="configure">Adjusts the client options; the key defaults to <see cref="JinaEmulatorOptions.ApiKey"/> or a placeholder.</param>
    /// <returns>The client; disposing it does not dispose the emulator.</returns>
    public JinaClient CreateJinaClient(Action<JinaClientOptions>? configure = null)
    {
        var options = new JinaClientOptions { ApiKey = _options.ApiKey ?? "jina_emulator" };
        configure?.Invoke(options);
        return new JinaClient(CreateHttpClient(), options);
    }

    /// <summary>Forgets the recorded requests.</summary>
    public void ClearRequests() => _requests.Clear();

    /// <summary>
    /// Builds a canned embeddings response (for <see cref="JinaEmulatorOptions.CannedResponse"/>): <paramref name="count"/>
    /// deterministic unit vectors of <paramref name="dimensions"/> floats, in the API's (and OpenAI's) response shape.
    /// </summary>
    /// <param name="count">How many embeddings (indices 0 to count − 1).</param>
    /// <param name="dimensions">Floats per embedding.</param>
    /// <param name="base64">Base64 strings (the default, as the SDK and OpenAI's SDK request) or JSON float arrays.</param>
    /// <param name="model">The model name in the body.</param>
    /// <returns>The UTF-8 JSON body.</returns>
    public static byte[] CannedEmbeddings(int count, int dimensions, bool base64 = true, string model = JinaModels.ClipV1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        var items = new List<(int Index, float[] Vector)>(count);
        for (var i = 0; i < count; i++)
        {
            items.Add((i, VectorGenerator.Generate(model, new ParsedInput(false, $"canned {i}", null, null), dimensions, dimensions, normalized: true)));
        }

        return ResponseWriter.Write(model, items, base64 ? EmbeddingType.Base64 : EmbeddingType.Float, count * 4, null);
    }

    internal bool IsCanned => _options.CannedResponse is not null;

    internal async Task<EmulatorResponse> HandleAsync(EmulatorRequest request, CancellationToken cancellationToken)
    {
        if (_options.CannedResponse is { } canned)
        {
            Interlocked.Increment(ref _requestCounter);
            return new EmulatorResponse(200, canned);
        }

        var number = Interlocked.Increment(ref _requestCounter);
        _requests.Enqueue(Record(request));
        var requestId = $"emu{number:x13}";
        if (_quota is null)
        {
            return await AnswerAsync(request, requestId, cancellationToken).ConfigureAwait(false);
        }

        // The quota is per key (the Authorization header as sent), counted from admission to answer.
        var key = request.Authorization ?? string.Empty;
        if (_quota.Admit(key, requestId) is { } refused)
        {
            return refused;
        }

        EmulatorResponse? answer = null;
        try
        {
            answer = await AnswerAsync(request, requestId, cancellationToken).ConfigureAwait(false);
            return _quota.Complete(key, answer);
        }
        finally
        {
            if (answer is null)
            {
                _quota.Complete(key, new EmulatorResponse(499, []));
            }
        }
    }

    private async Task<EmulatorResponse> AnswerAsync(EmulatorRequest request, string requestId, CancellationToken cancellationToken)
    {

        if (Faults.Latency > TimeSpan.Zero)
        {
            await Task.Delay(Faults.Latency, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
        }

        var fault = Faults.TakeNext();
        switch (fault?.Kind)
        {
            case FaultKind.Reset:
                return new EmulatorResponse(0, [], TransportAction.ResetConnection);
            case FaultKind.Fail:
                var (code, detail) = ErrorBodies.ForStatus(fault.Status);
                return new EmulatorResponse((int)fault.Status, ErrorBodies.Error(detail, code, requestId), RetryAfter: fault.RetryAfter);
            case FaultKind.InvalidJson:
                return new EmulatorResponse(200, "{\"model\":\"jina-clip-v1\",\"data\":[{\"index\":0,\"embedding\":"u8.ToArray());
        }

        var path = request.Path.TrimEnd('/');
        if (ModelCatalogue.Handles(path))
        {
            // The catalogue needs no key, as in the API's OpenAPI document.
            return string.Equals(request.Method, "GET", StringComparison.OrdinalIgnoreCase)
                ? ModelCatalogue.Answer(path, requestId)
                : new EmulatorResponse(405, ErrorBodies.Error("Method Not Allowed", null, requestId));
        }

        if (path.StartsWith("/v1/classif", StringComparison.Ordinal) || path == "/v1/train")
        {
            return Authorize(request.Authorization, requestId) ?? Classification(request, path, requestId, fault?.Kind);
        }

        var rerank = string.Equals(path, "/v1/rerank", StringComparison.Ordinal);
        if (!rerank && !string.Equals(path, "/v1/embeddings", StringComparison.Ordinal))
        {
            return new EmulatorResponse(404, ErrorBodies.Error($"Not found: {request.Path}", "RESOURCE_NOT_FOUND", requestId));
        }

        if (!string.Equals(request.Method, "POST", StringComparison.OrdinalIgnoreCase))
        {
            return new EmulatorResponse(405, ErrorBodies.Error("Method Not Allowed", null, requestId));
        }

        if (Authorize(request.Authorization, requestId) is { } unauthorized)
        {
            return unauthorized;
        }

        if (rerank)
        {
            return Rerank(request.Body, requestId, fault?.Kind);
        }

        var (parsed, status, badRequest, errors) = RequestParser.Parse(request.Body);
        if (parsed is null)
        {
            return status == 400
                ? new EmulatorResponse(400, ErrorBodies.Error(badRequest!, "INPUT_MODEL_NOT_FOUND", requestId))
                : new EmulatorResponse(422, ErrorBodies.Validation(errors, requestId));
        }

        var (rejected, name) = Faults.Rejected([.. parsed.Inputs.Select(i => i.IsImage ? i.ImageUrl : i.Text)]);
        if (rejected.Length > 0)
        {
            return name
                ? new EmulatorResponse(422, ErrorBodies.Validation(
                    [.. rejected.Select(i => new FieldError($"body -> input -> {i}", "The input could not be processed.", "value_error"))], requestId))
                : new EmulatorResponse(400, ErrorBodies.Error("An input could not be processed.", "INPUT_INVALID", requestId));
        }

        return Embed(parsed, fault?.Kind);
    }

    private EmulatorResponse Classification(EmulatorRequest request, string path, string requestId, FaultKind? fault)
    {
        var method = request.Method.ToUpperInvariant();
        const string One = "/v1/classifiers/";
        return (path, method) switch
        {
            ("/v1/classify", "POST") => ClassifyEndpoint.Answer(request.Body, _classifiers, requestId, fault),
            ("/v1/train", "POST") => TrainEndpoint.Answer(request.Body, _classifiers, requestId),
            ("/v1/classifiers", "GET" or "POST") => new EmulatorResponse(200, ClassificationWriter.List(_classifiers.All())),
            _ when path.StartsWith(One, StringComparison.Ordinal) && method == "DELETE" => Uri.UnescapeDataString(path[One.Length..]) is var id && _classifiers.Delete(id)
                ? new EmulatorResponse(200, ClassificationWriter.Deleted(id))
                : new EmulatorResponse(404, ErrorBodies.Error($"Classifier '{Uri.UnescapeDataString(path[One.Length..])}' not found.", "RESOURCE_NOT_FOUND", requestId)),
            ("/v1/classify" or "/v1/train" or "/v1/classifiers", _) => new EmulatorResponse(405, ErrorBodies.Error("Method Not Allowed", null, requestId)),
            _ => new EmulatorResponse(404, ErrorBodies.Error($"Not found: {request.Path}", "RESOURCE_NOT_FOUND", requestId)),
        };
    }

    private EmulatorResponse? Authorize(string? authorization, string requestId)
    {
        if (!_options.RequireApiKey)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(authorization))
        {
            return new EmulatorResponse(401, ErrorBodies.Error(
                "No API key provided. Pass your key in the Authorization header as 'Bearer <key>'.", "AUTH_MISSING_API_KEY", requestId));
        }

        const string Bearer = "Bearer ";
        if (!authorization.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase) || authorization.Length == Bearer.Length)
        {
            return new EmulatorResponse(401, ErrorBodies.Error(
                "Invalid Authorization header format. Expected 'Bearer <key>'.", "AUTH_INVALID_FORMAT", requestId));
        }

        var key = authorization[Bearer.Length..].Trim();
        if (_options.ApiKey is { } expected && !string.Equals(key, expected, StringComparison.Ordinal))
        {
            return new EmulatorResponse(401, ErrorBodies.Error(
                "Invalid API key. Verify your API key or generate a new one.", "AUTH_INVALID_API_KEY", requestId));
        }

        return null;
    }

    private static EmulatorResponse Embed(ParsedRequest request, FaultKind? fault)
    {
        var model = request.Model.Name;
        var items = new List<(int Index, float[] Vector)>(request.Inputs.Count);
        var total = 0;
        int? imageTokens = null;
        for (var i = 0; i < request.Inputs.Count; i++)
        {
            var input = request.Inputs[i];
            items.Add((i, VectorGenerator.Generate(model, input, request.Dimensions, request.Model.NativeDimensions, request.Normalized)));
            if (input.IsImage)
            {
                var tokens = TokenCounter.Image(model, input.ImageBytes);
                imageTokens = (imageTokens ?? 0) + tokens;
                total += tokens;
            }
            else
            {
                total += TokenCounter.Text(input.Text!);
            }
        }

        if (fault == FaultKind.DropOne)
        {
            items.RemoveAt(items.Count - 1);
        }
        else if (fault == FaultKind.Shuffle)
        {
            items.Reverse();
        }

        var body = ResponseWriter.Write(model, items, request.Type, total, imageTokens);
        return fault == FaultKind.Truncate
            ? new EmulatorResponse(200, body, TransportAction.TruncateBody)
            : new EmulatorResponse(200, body);
    }

    private static EmulatorResponse Rerank(byte[] body, string requestId, FaultKind? fault)
    {
        var (parsed, status, badRequest, errors) = RerankParser.Parse(body);
        if (parsed is null)
        {
            return status == 400
                ? new EmulatorResponse(400, ErrorBodies.Error(badRequest!, "INPUT_MODEL_NOT_FOUND", requestId))
                : new EmulatorResponse(422, ErrorBodies.Validation(errors, requestId));
        }

        var model = parsed.Model.Name;
        var ranked = parsed.Documents
            .Select((d, i) => (Index: i, Score: Reranker.Score(model, parsed.Query, d)))
            .OrderByDescending(r => r.Score).ThenBy(r => r.Index)
            .Take(parsed.TopN ?? int.MaxValue)
            .ToList();
        var tokens = parsed.Documents.Sum(d => Reranker.Tokens(model, parsed.Query, d));
        if (fault == FaultKind.DropOne)
        {
            ranked.RemoveAt(ranked.Count - 1);
        }
        else if (fault == FaultKind.Shuffle)
        {
            ranked.Reverse();
        }

        var answer = Reranker.Write(parsed, ranked, tokens);
        return fault == FaultKind.Truncate
            ? new EmulatorResponse(200, answer, TransportAction.TruncateBody)
            : new EmulatorResponse(200, answer);
    }

    private static RecordedRequest Record(EmulatorRequest request)
    {
        var headers = new Dictionary<string, string>(request.Headers, StringComparer.OrdinalIgnoreCase);
        if (headers.ContainsKey("Authorization"))
        {
            headers["Authorization"] = request.Authorization is { } a && a.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? "Bearer ***" : "***";
        }

        return new RecordedRequest(request.Method, request.Path, headers, Encoding.UTF8.GetString(request.Body));
    }
}
