using JinaClip.Classify;
using JinaClip.Configuration;
using JinaClip.Connection;
using JinaClip.Costs;
using JinaClip.Engine;
using JinaClip.Http;
using JinaClip.Pipeline;
using JinaClip.Preparation;
using JinaClip.Telemetry;
using JinaClip.Wire;

namespace JinaClip;

/// <summary>
/// A client for Jina AI's classification endpoints: zero-shot <c>POST /v1/classify</c> of texts and images against
/// labels you name (plain, or in named groups), few-shot classifiers (<c>POST /v1/train</c>, <c>GET /v1/classifiers</c>,
/// <c>DELETE /v1/classifiers/{id}</c>, and classify by <c>classifier_id</c>), and a local zero-shot classifier that
/// scores vectors you already have. Thread-safe; create one and reuse it, or get one that shares a root client's
/// connection with <see cref="JinaClient.GetClassificationClient"/>.
/// </summary>
/// <remarks>
/// Every call is checked whole before anything is sent (the model's rules, the labels, every input), runs on the same
/// engine and request pipeline as embeddings (rate limits, retries, timeouts, the key sent only to the endpoint, the
/// response cap, telemetry), and every answer is verified: one classification per input, in input order, each score
/// from 0 to 1, the prediction one of the labels, every label scored. Image inputs go through the same checks and
/// <see cref="JinaClientOptions.ImagePreprocessor"/> as embeddings.
/// </remarks>
public class JinaClassificationClient : IDisposable
{
    private readonly JinaConnection? _connection;
    private readonly bool _ownsConnection;

    /// <summary>Gets the connection this client sends on (<see langword="null"/> on a mock).</summary>
    internal JinaConnection? Connection => _connection;

    /// <summary>Creates a client with an API key and default options.</summary>
    /// <param name="apiKey">The Jina API key.</param>
    /// <exception cref="ArgumentException"><paramref name="apiKey"/> is null, empty or white space.</exception>
    public JinaClassificationClient(string apiKey)
        : this(null, new JinaClientOptions { ApiKey = ApiKeyResolver.Resolve(apiKey, nameof(apiKey)) })
    {
    }

    /// <summary>Creates a client that owns its own <see cref="HttpClient"/>.</summary>
    /// <param name="options">The connection's options; the API key falls back to <c>JINA_API_KEY</c>.</param>
    /// <exception cref="ArgumentException">No API key is set, the endpoint is not allowed, or a limit is out of range.</exception>
    public JinaClassificationClient(JinaClientOptions options)
        : this(null, options)
    {
    }

    /// <summary>Creates a client on an <see cref="HttpClient"/> the caller owns (e.g. from <c>IHttpClientFactory</c>).</summary>
    /// <param name="httpClient">The client used to send requests; its <see cref="HttpClient.BaseAddress"/> is not used.</param>
    /// <param name="options">The connection's options; the API key falls back to <c>JINA_API_KEY</c>.</param>
    /// <exception cref="ArgumentException">No API key is set, the endpoint is not allowed, or a limit is out of range.</exception>
    public JinaClassificationClient(HttpClient? httpClient, JinaClientOptions options)
        : this(new JinaConnection(httpClient, options), ownsConnection: true)
    {
    }

    /// <summary>Initializes an instance for mocking: override the methods you call.</summary>
    /// <remarks>Without an override, a call throws <see cref="NotSupportedException"/>.</remarks>
    protected JinaClassificationClient()
    {
        DefaultModel = JinaModels.ClipV1;
        ClassifyUri = new Uri(EndpointPolicy.BaseUri(JinaClientOptions.DefaultEndpoint, nameof(ClassifyUri)), "v1/classify");
    }

    internal JinaClassificationClient(JinaConnection connection, bool ownsConnection)
    {
        _connection = connection;
        _ownsConnection = ownsConnection;
        DefaultModel = connection.Options.DefaultModel;
        ClassifyUri = connection.Pipeline.UrlOf("v1/classify");
    }

    /// <summary>Gets the model of zero-shot calls and new classifiers that name none (<see cref="JinaClientOptions.DefaultModel"/>).</summary>
    public string DefaultModel { get; }

    /// <summary>Gets the URL classify requests are sent to (<c>{Endpoint}v1/classify</c>).</summary>
    public Uri ClassifyUri { get; }

    /// <summary>Classifies texts and images against plain labels (zero-shot).</summary>
    /// <param name="inputs">The texts and images, in your order (a <see cref="string"/> converts to a text). More than <see cref="ClassifyOptions.MaxInputsPerRequest"/> are split into requests and merged in order.</param>
    /// <param name="labels">The candidate labels (up to 512), each once.</param>
    /// <param name="options">Per-call options, or <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One classification per input, in input order.</returns>
    /// <exception cref="ArgumentException">An input, a label or an option is invalid (an image for a text-only model, an empty or repeated label, too many labels); nothing was sent.</exception>
    /// <exception cref="FileNotFoundException">An image file does not exist; nothing was sent.</exception>
    /// <exception cref="JinaApiException">The API answered with an error status (after retries, for transient ones).</exception>
    /// <exception cref="JinaInvalidResponseException">The answer is not a valid classification of the inputs sent.</exception>
    public virtual Task<ClassificationResult> ClassifyAsync(
        IEnumerable<EmbeddingInput> inputs, IEnumerable<string> labels, ClassifyOptions? options = null, CancellationToken cancellationToken = default) =>
        RunZeroShotAsync(inputs, labels, null, options, cancellationToken);

    /// <summary>Classifies texts and images against named label groups (zero-shot): one prediction per group for each input.</summary>
    /// <param name="inputs">The texts and images, in your order.</param>
    /// <param name="labelGroups">Up to 8 groups of up to 64 labels each.</param>
    /// <param name="options">Per-call options, or <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One classification per input, in input order, with a <see cref="LabelPrediction"/> per group.</returns>
    /// <exception cref="ArgumentException">An input, a group, a label or an option is invalid; nothing was sent.</exception>
    /// <exception cref="JinaApiException">The API answered with an error status.</exception>
    /// <exception cref="JinaInvalidResponseException">The answer is not a valid classification of the inputs sent.</exception>
    public virtual Task<ClassificationResult> ClassifyAsync(
        IEnumerable<EmbeddingInput> inputs, IEnumerable<LabelGroup> labelGroups, ClassifyOptions? options = null, CancellationToken cancellationToken = default) =>
        RunZeroShotAsync(inputs, null, labelGroups, options, cancellationToken);

    /// <summary>Classifies texts with a few-shot classifier you trained.</summary>
    /// <param name="classifierId">The classifier's id (<see cref="TrainingResult.ClassifierId"/>).</param>
    /// <param name="inputs">The texts, in your order (the API classifies texts only with a classifier).</param>
    /// <param name="options">Per-call options (<see cref="ClassifyOptions.BusyTimeout"/> applies), or <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call, also while it waits for a busy classifier.</param>
    /// <returns>One classification per input, in input order, over the classifier's labels.</returns>
    /// <exception cref="ArgumentException">The id, an input (an image) or an option is invalid; nothing was sent.</exception>
    /// <exception cref="JinaResourceBusyException">The classifier was still training after <see cref="ClassifyOptions.BusyTimeout"/>.</exception>
    /// <exception cref="JinaApiException">The API answered with another error status.</exception>
    /// <exception cref="JinaInvalidResponseException">The answer is not a valid classification of the inputs sent.</exception>
    public virtual async Task<ClassificationResult> ClassifyWithClassifierAsync(
        string classifierId, IEnumerable<EmbeddingInput> inputs, ClassifyOptions? options = null, CancellationToken cancellationToken = default)
    {
        var connection = RequireConnection();
        return await TracedAsync(connection, "classify", classifierId ?? string.Empty, ClassifyUri, async () =>
        {
            var settings = connection.Options;
            var plan = await ClassifyPlanner.PlanFewShotAsync(
                classifierId!, inputs, options, settings.ValidateRequests, !settings.AllowUnrecognizedImageFormats, cancellationToken).ConfigureAwait(false);
            var result = await RunAsync(connection, plan, cancellationToken).ConfigureAwait(false);
            return (result, result.Model, result.TotalTokens);
        }).ConfigureAwait(false);
    }

    /// <summary>Trains a new few-shot classifier from labelled texts and images.</summary>
    /// <param name="examples">2 to 512 examples with at least 2 distinct labels (the API suggests 200 to 400 for a good classifier).</param>
    /// <param name="options">The model, iterations and access (private unless you ask for public), or <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new classifier's id and the samples trained on. It trains for a while: classifying with it meanwhile answers 409, which the classify call waits out.</returns>
    /// <exception cref="ArgumentException">An example or an option is invalid (too few examples or labels, an image for a text-only model); nothing was sent.</exception>
    /// <exception cref="JinaApiException">The API answered with an error status.</exception>
    /// <exception cref="JinaInvalidResponseException">The answer is not a valid training answer.</exception>
    public virtual Task<TrainingResult> TrainClassifierAsync(
        IEnumerable<TrainingExample> examples, ClassifierTrainingOptions? options = null, CancellationToken cancellationToken = default) =>
        TrainAsync(null, examples, options, cancellationToken);

    /// <summary>Adds examples to a few-shot classifier and trains it further.</summary>
    /// <param name="classifierId">The classifier's id.</param>
    /// <param name="examples">1 to 512 examples.</param>
    /// <param name="options">The iterations and <see cref="ClassifierTrainingOptions.BusyTimeout"/> (the model and access are the classifier's own), or <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call, also while it waits for a busy classifier.</param>
    /// <returns>The classifier's id and the samples trained on.</returns>
    /// <exception cref="ArgumentException">The id, an example or an option is invalid; nothing was sent.</exception>
    /// <exception cref="JinaResourceBusyException">The classifier was still training after <see cref="ClassifierTrainingOptions.BusyTimeout"/>.</exception>
    /// <exception cref="JinaApiException">The API answered with another error status.</exception>
    public virtual Task<TrainingResult> UpdateClassifierAsync(
        string classifierId, IEnumerable<TrainingExample> examples, ClassifierTrainingOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(classifierId);
        return TrainAsync(classifierId, examples, options, cancellationToken);
    }

    /// <summary>Lists the few-shot classifiers of your key.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The classifiers, as the API lists them.</returns>
    /// <exception cref="JinaApiException">The API answered with an error status.</exception>
    /// <exception cref="JinaInvalidResponseException">The answer is not a list of classifiers.</exception>
    public virtual async Task<IReadOnlyList<ClassifierInfo>> GetClassifiersAsync(CancellationToken cancellationToken = default)
    {
        var connection = RequireConnection();
        return await RequestEngine.RunOneAsync(
            new ClassifierListCall { Model = string.Empty },
            (call, ct) => connection.Pipeline.SendAsync<List<ClassifierInfo>>(call, 0, new RetryCounter(), default, ct),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes a few-shot classifier.</summary>
    /// <param name="classifierId">The classifier's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the API has confirmed the deletion.</returns>
    /// <exception cref="ArgumentException">The id is empty or has characters no id has; nothing was sent.</exception>
    /// <exception cref="JinaApiException">The API answered with an error status (404 for an unknown classifier).</exception>
    public virtual async Task DeleteClassifierAsync(string classifierId, CancellationToken cancellationToken = default)
    {
        ClassifyPlanner.CheckClassifierId(classifierId, nameof(classifierId));
        var connection = RequireConnection();
        await RequestEngine.RunOneAsync(
            new DeleteClassifierCall { Model = string.Empty, ClassifierId = classifierId },
            (call, ct) => connection.Pipeline.SendAsync<string>(call, 0, new RetryCounter(), default, ct),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Creates a local zero-shot classifier: embeds the labels once (through the same connection, with
    /// <see cref="LocalClassifierOptions.PromptTemplate"/>), then scores any number of vectors you already have, on
    /// this machine, with no further requests.
    /// </summary>
    /// <param name="labels">The candidate labels, each once.</param>
    /// <param name="options">The template, temperature and embedding options, or <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the labels' embedding.</param>
    /// <returns>The classifier.</returns>
    /// <exception cref="ArgumentException">A label or an option is invalid; nothing was sent.</exception>
    public virtual Task<LocalZeroShotClassifier> CreateLocalClassifierAsync(
        IEnumerable<string> labels, LocalClassifierOptions? options = null, CancellationToken cancellationToken = default) =>
        LocalZeroShotClassifier.CreateAsync(new JinaEmbeddingClient(RequireConnection(), ownsConnection: false), labels, options, cancellationToken);

    /// <summary>Creates a local zero-shot classifier over named label groups (see <see cref="CreateLocalClassifierAsync(IEnumerable{string}, LocalClassifierOptions?, CancellationToken)"/>).</summary>
    /// <param name="labelGroups">The label groups.</param>
    /// <param name="options">The template, temperature and embedding options, or <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the labels' embedding.</param>
    /// <returns>The classifier.</returns>
    /// <exception cref="ArgumentException">A group, a label or an option is invalid; nothing was sent.</exception>
    public virtual Task<LocalZeroShotClassifier> CreateLocalClassifierAsync(
        IEnumerable<LabelGroup> labelGroups, LocalClassifierOptions? options = null, CancellationToken cancellationToken = default) =>
        LocalZeroShotClassifier.CreateAsync(new JinaEmbeddingClient(RequireConnection(), ownsConnection: false), labelGroups, options, cancellationToken);

    /// <summary>Describes the client without the API key.</summary>
    /// <returns>The endpoint and default model.</returns>
    public override string ToString() => $"JinaClassificationClient {{ Endpoint = {ClassifyUri}, DefaultModel = {DefaultModel} }}";

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

    private async Task<ClassificationResult> RunZeroShotAsync(
        IEnumerable<EmbeddingInput> inputs, IEnumerable<string>? plainLabels, IEnumerable<LabelGroup>? labelGroups, ClassifyOptions? options, CancellationToken cancellationToken)
    {
        var connection = RequireConnection();
        var settings = connection.Options;
        return await TracedAsync(connection, "classify", options?.Model ?? DefaultModel, ClassifyUri, async () =>
        {
            var labels = labelGroups is null ? LabelChecks.Plain(plainLabels!, settings.ValidateRequests, "labels") : null;
            var groups = labelGroups is null ? null : LabelChecks.Groups(labelGroups, settings.ValidateRequests, nameof(labelGroups));
            var plan = await ClassifyPlanner.PlanZeroShotAsync(
                inputs, labels, groups, options, DefaultModel, settings.ValidateRequests, !settings.AllowUnrecognizedImageFormats, cancellationToken).ConfigureAwait(false);
            var result = await RunAsync(connection, plan, cancellationToken).ConfigureAwait(false);
            return (result, result.Model, result.TotalTokens);
        }).ConfigureAwait(false);
    }

    /// <summary>Runs one call inside its GenAI operation span: the model and tokens reported on success, the failure recorded otherwise.</summary>
    private static async Task<T> TracedAsync<T>(JinaConnection connection, string operationName, string model, Uri uri, Func<Task<(T Result, string Model, long? Tokens)>> call)
    {
        using var operation = OperationTelemetry.Start(operationName, model, uri, connection.Time);
        try
        {
            var (result, responseModel, tokens) = await call().ConfigureAwait(false);
            operation?.Succeeded(responseModel, tokens);
            return result;
        }
        catch (Exception ex)
        {
            operation?.Failed(ex);
            throw;
        }
    }

    private static async Task<ClassificationResult> RunAsync(JinaConnection connection, ClassifyPlan plan, CancellationToken cancellationToken)
    {
        // Each input is classified on its own, so the requests of a split call run concurrently on the engine and merge
        // exactly, in input order; the first failure in input order is the call's exception.
        var done = 0;
        var gate = new object();
        var parts = await RequestEngine.RunAllAsync(
            plan.Requests,
            async (range, ct) =>
            {
                var part = await SendAsync(connection, plan, range, ct).ConfigureAwait(false);
                if (plan.Options.Progress is { } progress)
                {
                    lock (gate)
                    {
                        done += range.Count;
                        progress.Report(done);
                    }
                }

                return part;
            },
            connection.Options.MaxConcurrency,
            cancellationToken).ConfigureAwait(false);
        var items = new ClassifiedInput[plan.Inputs.Length];
        long? tokens = null;
        foreach (var part in parts)
        {
            part.Items.CopyTo(items, part.Items[0].Index);
            tokens = part.TotalTokens is { } t ? (tokens ?? 0) + t : tokens;
        }

        return new ClassificationResult(items, parts[0].Model, tokens);
    }

    private static async Task<ClassificationPart> SendAsync(JinaConnection connection, ClassifyPlan plan, InputRange range, CancellationToken cancellationToken)
    {
        var inputs = plan.Inputs.AsMemory(range.Start, range.Count);
        var model = plan.ClassifierId is null ? plan.Model : string.Empty;
        var labelTokens = (plan.Labels ?? plan.Groups?.SelectMany(g => g.Labels) ?? []).Sum(RoughTokenEstimator.Text);
        var estimate = (long)labelTokens;
        foreach (var input in inputs.Span)
        {
            estimate += RoughTokenEstimator.Estimate(input, model.Length == 0 ? JinaModels.ClipV1 : model);
        }

        var prepared = await InputPreparer.PrepareAsync(
            inputs, range.Start, !connection.Options.AllowUnrecognizedImageFormats, connection.Images, model, cancellationToken).ConfigureAwait(false);
        var call = new ClassifyCall
        {
            Model = model,
            ClassifierId = plan.ClassifierId,
            Inputs = prepared,
            Labels = plan.Labels,
            Groups = plan.Groups,
            Start = range.Start,
        };
        return await BusyRetry.RunAsync(
            ct => connection.Pipeline.SendAsync<ClassificationPart>(call, estimate, new RetryCounter(), default, ct),
            plan.ClassifierId is null ? TimeSpan.Zero : plan.Options.BusyTimeout,
            connection.Time,
            cancellationToken).ConfigureAwait(false);
    }

    private async Task<TrainingResult> TrainAsync(
        string? classifierId, IEnumerable<TrainingExample> examples, ClassifierTrainingOptions? options, CancellationToken cancellationToken)
    {
        var connection = RequireConnection();
        var settings = connection.Options;
        return await TracedAsync(connection, "train", classifierId ?? options?.Model ?? DefaultModel, connection.Pipeline.UrlOf("v1/train"), async () =>
        {
            var plan = await TrainingPlanner.PlanAsync(
                classifierId, examples, options, DefaultModel, settings.ValidateRequests, !settings.AllowUnrecognizedImageFormats, cancellationToken).ConfigureAwait(false);
            var result = await RequestEngine.RunOneAsync(plan, (p, ct) => SendTrainingAsync(connection, p, ct), cancellationToken).ConfigureAwait(false);
            return (result, plan.Model, result.TotalTokens);
        }).ConfigureAwait(false);
    }

    private static async Task<TrainingResult> SendTrainingAsync(JinaConnection connection, TrainingPlan plan, CancellationToken cancellationToken)
    {
        var imageModel = plan.Model.Length == 0 ? JinaModels.ClipV1 : plan.Model;
        var estimate = plan.Inputs.Sum(i => (long)RoughTokenEstimator.Estimate(i, imageModel));
        var prepared = await InputPreparer.PrepareAsync(
            plan.Inputs, 0, !connection.Options.AllowUnrecognizedImageFormats, connection.Images, plan.Model, cancellationToken).ConfigureAwait(false);
        var call = new TrainCall
        {
            Model = plan.Model,
            ClassifierId = plan.ClassifierId,
            Inputs = prepared,
            Labels = plan.Labels,
            Iterations = plan.Options.Iterations,
            Access = plan.ClassifierId is null ? (plan.Options.Access == ClassifierAccess.Public ? "public" : "private") : null,
        };
        return await BusyRetry.RunAsync(
            ct => connection.Pipeline.SendAsync<TrainingResult>(call, estimate, new RetryCounter(), default, ct),
            plan.ClassifierId is null ? TimeSpan.Zero : plan.Options.BusyTimeout,
            connection.Time,
            cancellationToken).ConfigureAwait(false);
    }

    private JinaConnection RequireConnection() => _connection ?? throw new NotSupportedException(
        "This JinaClassificationClient was built with the protected constructor, for mocking, and cannot send requests. Override the method you call.");
}
