using System.Runtime.CompilerServices;
using System.Text.Json;
using JinaClip.Costs;
using JinaClip.Models;
using JinaClip.Wire;

namespace JinaClip.Planning;

/// <summary>
/// The one planning stage of every call: the options are checked against the model, each input is checked and
/// estimated once, and the inputs are cut into batches by <see cref="BatchCutter"/>. A list call is planned whole
/// before its first request; a stream call plans each batch whole before that batch is sent.
/// </summary>
internal sealed class CallPlanner
{
    private readonly string _defaultModel;
    private readonly int? _maxBatchSize;
    private readonly long _maxTokensPerRequest;
    private readonly bool _validate;
    private readonly bool _checkImageFormats;
    private readonly long? _budget;
    private readonly TokenEstimator? _estimator;

    public CallPlanner(JinaClientOptions options)
    {
        _defaultModel = options.DefaultModel;
        _maxBatchSize = options.MaxBatchSize;
        _maxTokensPerRequest = options.MaxTokensPerRequest;
        _validate = options.ValidateRequests;
        _checkImageFormats = !options.AllowUnrecognizedImageFormats;
        _budget = options.MaxEstimatedTokensPerCall;
        _estimator = _budget is null ? null : new TokenEstimator(options.TokenEstimatorOptions, options.ImageHttpClient, options.ImagePreprocessor, options.DownloadImageUrls);
    }

    /// <summary>Checks the per-call options and fixes what every batch of the call shares.</summary>
    public CallPlan PlanOptions(EmbeddingOptions? options)
    {
        var model = options?.Model ?? _defaultModel;
        ArgumentException.ThrowIfNullOrWhiteSpace(model, nameof(options));
        var spec = ModelCatalog.Find(model);
        if (_validate && spec is not null)
        {
            RequestValidator.Validate(spec, options);
        }

        return new CallPlan(model, spec, _validate && spec is not null, options, AdditionalFields(options), _checkImageFormats);
    }

    /// <summary>Plans a list call whole: nothing that can be checked up front is left to be found after a request was paid for.</summary>
    public async Task<PlannedCall> PlanAsync(IEnumerable<EmbeddingInput> inputs, EmbeddingOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var plan = PlanOptions(options);
        var list = inputs as EmbeddingInput[] ?? inputs.ToArray();
        if (list.Length == 0)
        {
            throw new ArgumentException("At least one input is required; the list of inputs is empty.", nameof(inputs));
        }

        var cutter = Cutter(plan);
        var failures = new InputFailureLog();
        var batches = new List<Batch>();
        var batch = new BatchBuilder();
        var total = 0L;
        for (var i = 0; i < list.Length; i++)
        {
            if (await CheckOrSkipAsync(plan, list[i], i, nameof(inputs), failures, cancellationToken).ConfigureAwait(false) is not { } cost)
            {
                continue;
            }

            total += cost;
            if (cutter.StartsNewBatch(batch.Count, batch.Tokens, cost))
            {
                batches.Add(batch.Build(list));
            }

            batch.Add(i, cost);
        }

        if (batch.Count > 0)
        {
            batches.Add(batch.Build(list));
        }

        if (plan.LateChunking && batches.Count > 1)
        {
            throw new ArgumentException(
                $"late_chunking embeds all inputs as one sequence, so the call cannot be split, but its {list.Length - failures.Count} inputs (about {total:N0} tokens) exceed one request (at most {cutter.MaxInputs} inputs and {cutter.MaxTokens:N0} estimated tokens). Send fewer inputs or turn late_chunking off.",
                nameof(inputs));
        }

        if (_budget is { } budget)
        {
            var kept = failures.Count == 0 ? list : [.. batches.SelectMany(b => b.Inputs.ToArray())];
            var estimate = await _estimator!.EstimateAsync(kept, plan.Model, cancellationToken).ConfigureAwait(false);
            if (estimate.TotalTokens > budget)
            {
                throw new JinaTokenBudgetException(estimate, budget);
            }
        }

        return new PlannedCall(plan, list.Length, batches, total, failures);
    }

    /// <summary>
    /// Plans a stream call batch by batch: each input is checked as it is read, and a batch is handed on only when it is
    /// complete and every input in it passed.
    /// </summary>
    public async IAsyncEnumerable<Batch> PlanStreamAsync(
        CallPlan plan, IAsyncEnumerable<EmbeddingInput> inputs, StreamPosition position, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var cutter = Cutter(plan);
        var batch = new List<EmbeddingInput>();
        var positions = new List<int>();
        var batchTokens = 0L;
        await foreach (var input in inputs.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var index = position.Read;
            position.Read++;
            if (await CheckOrSkipAsync(plan, input, index, nameof(inputs), position.Failures, cancellationToken).ConfigureAwait(false) is not { } cost)
            {
                continue;
            }

            if (cutter.StartsNewBatch(batch.Count, batchTokens, cost))
            {
                position.Planned = index;
                yield return StreamBatch(batch, positions, batchTokens);
                batch.Clear();
                positions.Clear();
                batchTokens = 0;
            }

            batch.Add(input);
            positions.Add(index);
            batchTokens += cost;
        }

        position.Planned = position.Read;
        if (batch.Count > 0)
        {
            yield return StreamBatch(batch, positions, batchTokens);
        }
    }

    private static Batch StreamBatch(List<EmbeddingInput> inputs, List<int> positions, long tokens) =>
        new(positions[0], inputs.ToArray(), tokens, positions[^1] - positions[0] == positions.Count - 1 ? null : [.. positions]);

    /// <summary>Checks and estimates one input; with <see cref="CallPlan.SkipBadInputs"/>, an input at fault is logged and skipped (null).</summary>
    private static async ValueTask<int?> CheckOrSkipAsync(
        CallPlan plan, EmbeddingInput? input, int index, string paramName, InputFailureLog failures, CancellationToken cancellationToken)
    {
        if (!plan.SkipBadInputs)
        {
            return await CheckInputAsync(plan, input, index, paramName, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            return await CheckInputAsync(plan, input, index, paramName, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (InputFailureLog.IsInputFault(ex) && !cancellationToken.IsCancellationRequested)
        {
            failures.Add(index, ex);
            return null;
        }
    }

    private static async ValueTask<int> CheckInputAsync(CallPlan plan, EmbeddingInput? input, int index, string paramName, CancellationToken cancellationToken)
    {
        await InputChecks.CheckAsync(input, index, paramName, plan.CheckImageFormats, cancellationToken).ConfigureAwait(false);
        if (plan.Validated)
        {
            RequestValidator.CheckInput(plan.Spec!, plan.Options, input!, index);
        }

        return RoughTokenEstimator.Estimate(input!, plan.Model);
    }

    private BatchCutter Cutter(CallPlan plan) =>
        new(_maxBatchSize ?? plan.Spec?.MaxInputs ?? ModelSpec.DefaultMaxInputs, _maxTokensPerRequest);

    private static KeyValuePair<string, JsonElement>[] AdditionalFields(EmbeddingOptions? options) =>
        RawFields.Check(options?.AdditionalRequestFields, EmbeddingRequestWriter.WrittenFields, nameof(EmbeddingOptions), nameof(options));
}
