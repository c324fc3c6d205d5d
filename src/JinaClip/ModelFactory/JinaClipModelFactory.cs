namespace JinaClip;

/// <summary>
/// Builds the SDK's output types for users' tests (mocks of <see cref="JinaEmbeddingClient"/>, fakes of search
/// results), as the Azure SDK's model factories do. The SDK itself builds these types from responses; their
/// constructors are not public, so they can gain properties without breaking callers.
/// </summary>
public static class JinaClipModelFactory
{
    /// <summary>Creates a float embedding.</summary>
    /// <param name="index">The position of its input in the call (0 or more).</param>
    /// <param name="vector">The vector.</param>
    /// <returns>The embedding.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative.</exception>
    public static JinaEmbedding Embedding(int index, ReadOnlyMemory<float> vector) => new(index, vector);

    /// <summary>Creates a binary embedding.</summary>
    /// <param name="index">The position of its input in the call (0 or more).</param>
    /// <param name="packedBits">Sign bits packed most-significant bit first, eight dimensions a byte.</param>
    /// <param name="type"><see cref="EmbeddingType.Binary"/> or <see cref="EmbeddingType.UBinary"/>.</param>
    /// <returns>The embedding.</returns>
    /// <exception cref="ArgumentException"><paramref name="type"/> is not a binary type.</exception>
    public static JinaEmbedding BinaryEmbedding(int index, ReadOnlyMemory<byte> packedBits, EmbeddingType type = EmbeddingType.Binary) =>
        new(index, packedBits, type);

    /// <summary>Creates the result of a call.</summary>
    /// <param name="embeddings">The embeddings; the item at position <c>i</c> must have <see cref="JinaEmbedding.Index"/> <c>i</c>.</param>
    /// <param name="model">The model the API reported.</param>
    /// <param name="usage">The tokens used (default: <see cref="JinaClip.EmbeddingUsage.Empty"/>).</param>
    /// <returns>The collection.</returns>
    /// <exception cref="ArgumentException">An embedding is not at the position of its index.</exception>
    public static JinaEmbeddingCollection EmbeddingCollection(IEnumerable<JinaEmbedding> embeddings, string model = JinaModels.ClipV1, EmbeddingUsage? usage = null)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        return new([.. embeddings], model, usage ?? JinaClip.EmbeddingUsage.Empty);
    }

    /// <summary>Creates the result of a call with <see cref="EmbeddingOptions.SkipBadInputs"/> that left inputs out.</summary>
    /// <param name="embeddings">The embeddings of the inputs that succeeded, in ascending <see cref="JinaEmbedding.Index"/> order.</param>
    /// <param name="failures">The inputs left out; no index may also be an embedding's.</param>
    /// <param name="model">The model the API reported.</param>
    /// <param name="usage">The tokens used (default: <see cref="JinaClip.EmbeddingUsage.Empty"/>).</param>
    /// <returns>The collection.</returns>
    /// <exception cref="ArgumentException">The embeddings are not in ascending index order, or an index is both embedded and failed.</exception>
    public static JinaEmbeddingCollection EmbeddingCollection(
        IEnumerable<JinaEmbedding> embeddings, IEnumerable<InputFailure> failures, string model = JinaModels.ClipV1, EmbeddingUsage? usage = null)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        ArgumentNullException.ThrowIfNull(failures);
        JinaEmbedding[] list = [.. embeddings];
        InputFailure[] failed = [.. failures.OrderBy(f => f.Index)];
        for (var i = 1; i < list.Length; i++)
        {
            if (list[i].Index <= list[i - 1].Index)
            {
                throw new ArgumentException($"The embedding at position {i} (index {list[i].Index}) does not follow index {list[i - 1].Index}.", nameof(embeddings));
            }
        }

        if (failed.FirstOrDefault(f => list.Any(e => e.Index == f.Index)) is { } both)
        {
            throw new ArgumentException($"Input {both.Index} is both embedded and failed.", nameof(failures));
        }

        return new(list, model, usage ?? JinaClip.EmbeddingUsage.Empty, validated: true, failed);
    }

    /// <summary>Creates an input failure.</summary>
    /// <param name="index">The input's position in the call.</param>
    /// <param name="exception">Why it failed.</param>
    /// <param name="rejectedByServer">Whether the API rejected it.</param>
    /// <returns>The failure.</returns>
    public static InputFailure InputFailure(int index, Exception exception, bool rejectedByServer = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentNullException.ThrowIfNull(exception);
        return new(index, exception, rejectedByServer);
    }

    /// <summary>Creates usage counts.</summary>
    /// <param name="totalTokens">The total tokens.</param>
    /// <param name="promptTokens">The prompt tokens.</param>
    /// <param name="imageTokens">The image tokens.</param>
    /// <returns>The usage.</returns>
    public static EmbeddingUsage EmbeddingUsage(long? totalTokens = null, long? promptTokens = null, long? imageTokens = null) =>
        new(totalTokens, promptTokens, imageTokens);

    /// <summary>Creates a progress report.</summary>
    /// <param name="inputsCompleted">Inputs embedded so far.</param>
    /// <param name="tokensUsed">Tokens used so far.</param>
    /// <param name="retries">Retries so far.</param>
    /// <returns>The progress.</returns>
    public static EmbeddingProgress EmbeddingProgress(int inputsCompleted = 0, long tokensUsed = 0, int retries = 0) =>
        new(inputsCompleted, tokensUsed, retries);

    /// <summary>Creates a progress report of a stream that has left inputs out.</summary>
    /// <param name="inputsCompleted">Inputs embedded so far.</param>
    /// <param name="tokensUsed">Tokens used so far.</param>
    /// <param name="retries">Retries so far.</param>
    /// <param name="failures">The inputs left out so far.</param>
    /// <returns>The progress.</returns>
    public static EmbeddingProgress EmbeddingProgress(int inputsCompleted, long tokensUsed, int retries, IEnumerable<InputFailure> failures)
    {
        ArgumentNullException.ThrowIfNull(failures);
        return new(inputsCompleted, tokensUsed, retries, [.. failures]);
    }

    /// <summary>Creates an input range.</summary>
    /// <param name="start">The first input's index (0 or more).</param>
    /// <param name="count">The number of inputs (0 or more).</param>
    /// <returns>The range.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="start"/> or <paramref name="count"/> is negative.</exception>
    public static InputRange InputRange(int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return new(start, count);
    }

    /// <summary>Creates a field error, as a 422 response carries it.</summary>
    /// <param name="field">The field's path.</param>
    /// <param name="message">What is wrong.</param>
    /// <param name="type">The error type, e.g. <c>extra_forbidden</c>.</param>
    /// <returns>The field error.</returns>
    public static ApiFieldError ApiFieldError(string? field = null, string? message = null, string? type = null) => new(field, message, type);

    /// <summary>Creates an image size.</summary>
    /// <param name="format">The format.</param>
    /// <param name="width">The width (1 or more).</param>
    /// <param name="height">The height (1 or more).</param>
    /// <returns>The size.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A side is below 1.</exception>
    public static ImageSize ImageSize(ImageFormat format, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        return new(format, width, height);
    }

    /// <summary>Creates the estimate of one input.</summary>
    /// <param name="index">The input's position.</param>
    /// <param name="kind">The input's kind.</param>
    /// <param name="tokens">The estimated tokens.</param>
    /// <param name="image">The image's size (images only).</param>
    /// <param name="tiles">The tiles (images only).</param>
    /// <returns>The estimate.</returns>
    public static InputEstimate InputEstimate(int index, EmbeddingInputKind kind, long tokens, ImageSize? image = null, long? tiles = null) =>
        new(index, kind, tokens, image, tiles);

    /// <summary>Creates the estimate of an image the preprocessor would refuse (it counts 0 tokens).</summary>
    /// <param name="index">The input's position.</param>
    /// <param name="kind">The input's kind.</param>
    /// <param name="image">The image's size as given.</param>
    /// <param name="originalTokens">What it would cost as given.</param>
    /// <param name="refusal">Why it would be refused.</param>
    /// <returns>The estimate.</returns>
    public static InputEstimate RefusedInputEstimate(int index, EmbeddingInputKind kind, ImageSize image, long originalTokens, string refusal)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(refusal);
        return new InputEstimate(index, kind, originalTokens, image, null).RefusedFor(refusal);
    }

    /// <summary>Creates the estimate of a request.</summary>
    /// <param name="model">The model.</param>
    /// <param name="inputs">The per-input estimates, in order.</param>
    /// <returns>The estimate.</returns>
    public static TokenEstimate TokenEstimate(string model, IEnumerable<InputEstimate> inputs)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputs);
        return new(model, [.. inputs]);
    }

    /// <summary>Creates a top-k match.</summary>
    /// <param name="index">The stored vector's row.</param>
    /// <param name="score">The score.</param>
    /// <returns>The match.</returns>
    public static ScoredMatch ScoredMatch(int index, float score) => new(index, score);

    /// <summary>Creates a <see cref="VectorIndex"/> hit.</summary>
    /// <param name="id">The id.</param>
    /// <param name="score">The score.</param>
    /// <returns>The hit.</returns>
    public static SearchHit SearchHit(string id, float score)
    {
        ArgumentNullException.ThrowIfNull(id);
        return new(id, score);
    }

    /// <summary>Creates one document of a rerank result.</summary>
    /// <param name="index">The document's position in the caller's list (0 or more).</param>
    /// <param name="relevanceScore">The relevance score (finite).</param>
    /// <param name="document">The document as the server returned it, or <see langword="null"/>.</param>
    /// <param name="embedding">The document's embedding, or <see langword="null"/>.</param>
    /// <returns>The ranked document.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative, or the score is not finite.</exception>
    public static RankedDocument RankedDocument(int index, double relevanceScore, string? document = null, float[]? embedding = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        if (double.IsNaN(relevanceScore) || double.IsInfinity(relevanceScore))
        {
            throw new ArgumentOutOfRangeException(nameof(relevanceScore), relevanceScore, "A relevance score is a finite number.");
        }

        return new(index, relevanceScore, document, embedding);
    }

    /// <summary>Creates the result of a rerank call.</summary>
    /// <param name="documents">The ranked documents, best first.</param>
    /// <param name="model">The model the API reported.</param>
    /// <param name="totalTokens">The tokens used, or <see langword="null"/>.</param>
    /// <returns>The result.</returns>
    public static RerankResult RerankResult(IEnumerable<RankedDocument> documents, string model = JinaModels.RerankerV2BaseMultilingual, long? totalTokens = null)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(model);
        return new([.. documents], model, totalTokens);
    }

    /// <summary>Creates a model of the catalogue, as <see cref="JinaModelsClient"/> returns it.</summary>
    /// <param name="id">The full id, e.g. <c>jina-ai/jina-clip-v1</c>.</param>
    /// <param name="maxOutputDimensions">The largest output size.</param>
    /// <param name="pricePerInputToken">The price of one input token in USD, or <see langword="null"/>.</param>
    /// <param name="inputModalities">What it takes (default: <c>text</c>).</param>
    /// <param name="contextLength">The most tokens per input.</param>
    /// <param name="name">The human-readable name (default: the id).</param>
    /// <returns>The model.</returns>
    public static ModelInfo ModelInfo(
        string id, int maxOutputDimensions = 0, decimal? pricePerInputToken = null, IEnumerable<string>? inputModalities = null, int contextLength = 8192, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(id);
        return new(id, name ?? id, contextLength, maxOutputDimensions, [.. inputModalities ?? ["text"]], ["embeddings"], pricePerInputToken, null, null, null);
    }

    /// <summary>Creates how a model takes images, as <see cref="JinaModels.GetImageInput"/> returns it (for an image preprocessor's tests).</summary>
    /// <param name="rule">How the model resizes an image.</param>
    /// <param name="side">The side the shortest side goes to (<see cref="ImageResizeRule.ShortestSide"/>).</param>
    /// <param name="patchSize">The patch both sides are multiples of (<see cref="ImageResizeRule.PixelBudget"/>).</param>
    /// <param name="tileSize">The side of one billing tile in pixels.</param>
    /// <param name="tokensPerTile">The tokens one tile costs.</param>
    /// <returns>The image rule.</returns>
    public static ModelImageInput ModelImageInput(ImageResizeRule rule, int side = 0, int patchSize = 0, int tileSize = 224, long tokensPerTile = 1000) =>
        new(rule, side, patchSize, tileSize, tokensPerTile);

    /// <summary>Creates one label's score.</summary>
    /// <param name="label">The label.</param>
    /// <param name="score">Its score, from 0 to 1.</param>
    /// <returns>The score.</returns>
    public static LabelScore LabelScore(string label, float score)
    {
        ArgumentNullException.ThrowIfNull(label);
        return new(label, score);
    }

    /// <summary>Creates a prediction over one set of labels: the best-scored label is the prediction.</summary>
    /// <param name="scores">Every label's score, in the order the labels were given (at least one).</param>
    /// <param name="group">The label group's name, or <see langword="null"/> for plain labels.</param>
    /// <returns>The prediction.</returns>
    /// <exception cref="ArgumentException"><paramref name="scores"/> is empty.</exception>
    public static LabelPrediction LabelPrediction(IEnumerable<LabelScore> scores, string? group = null)
    {
        ArgumentNullException.ThrowIfNull(scores);
        LabelScore[] list = [.. scores];
        if (list.Length == 0)
        {
            throw new ArgumentException("Give at least one label score.", nameof(scores));
        }

        var best = 0;
        for (var i = 1; i < list.Length; i++)
        {
            best = list[i].Score > list[best].Score ? i : best;
        }

        return new(group, list[best].Label, list[best].Score, [.. list.Select(s => s.Label)], [.. list.Select(s => s.Score)], 0, list.Length);
    }

    /// <summary>Creates one input's classification.</summary>
    /// <param name="index">The input's position in the call (0 or more).</param>
    /// <param name="predictions">One prediction for plain labels, or one per label group (at least one).</param>
    /// <returns>The classification.</returns>
    /// <exception cref="ArgumentException"><paramref name="predictions"/> is empty, or <paramref name="index"/> is negative.</exception>
    public static ClassifiedInput ClassifiedInput(int index, IEnumerable<LabelPrediction> predictions)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        LabelPrediction[] list = [.. predictions];
        return list.Length == 0 ? throw new ArgumentException("Give at least one prediction.", nameof(predictions)) : new(index, list);
    }

    /// <summary>Creates the result of a classify call.</summary>
    /// <param name="classifications">The classifications; the item at position <c>i</c> must have <see cref="JinaClip.ClassifiedInput.Index"/> <c>i</c>.</param>
    /// <param name="model">The model (or classifier) the API reported.</param>
    /// <param name="totalTokens">The tokens used, or <see langword="null"/>.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentException">A classification is not at the position of its index.</exception>
    public static ClassificationResult ClassificationResult(IEnumerable<ClassifiedInput> classifications, string model = JinaModels.ClipV1, long? totalTokens = null)
    {
        ArgumentNullException.ThrowIfNull(classifications);
        ClassifiedInput[] list = [.. classifications];
        for (var i = 0; i < list.Length; i++)
        {
            if (list[i].Index != i)
            {
                throw new ArgumentException($"The classification at position {i} has index {list[i].Index}.", nameof(classifications));
            }
        }

        return new(list, model, totalTokens);
    }

    /// <summary>Creates a few-shot classifier's listing.</summary>
    /// <param name="id">Its id.</param>
    /// <param name="model">The model it was trained on.</param>
    /// <param name="labels">Its labels.</param>
    /// <param name="access">Its access level (<c>private</c> or <c>public</c>).</param>
    /// <param name="createdAt">When it was created.</param>
    /// <param name="updatedAt">When it was last updated (default: <paramref name="createdAt"/>).</param>
    /// <param name="usedAt">When it was last used, or <see langword="null"/>.</param>
    /// <param name="updateCount">How many times it was updated.</param>
    /// <param name="useCount">How many times it was used.</param>
    /// <param name="isActive">Whether it is active.</param>
    /// <param name="isLatest">Whether it is the latest version.</param>
    /// <returns>The listing.</returns>
    public static ClassifierInfo ClassifierInfo(
        string id, string model, IEnumerable<string> labels, string access = "private", DateTimeOffset createdAt = default, DateTimeOffset? updatedAt = null,
        DateTimeOffset? usedAt = null, int updateCount = 0, int useCount = 0, bool isActive = true, bool isLatest = true)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(access);
        return new(id, model, [.. labels], access, isActive, isLatest, updateCount, useCount, createdAt, updatedAt ?? createdAt, usedAt);
    }

    /// <summary>Creates the answer to a training call.</summary>
    /// <param name="classifierId">The classifier's id.</param>
    /// <param name="sampleCount">The examples trained on.</param>
    /// <param name="totalTokens">The tokens used, or <see langword="null"/>.</param>
    /// <returns>The answer.</returns>
    public static TrainingResult TrainingResult(string classifierId, int sampleCount, long? totalTokens = null)
    {
        ArgumentNullException.ThrowIfNull(classifierId);
        return new(classifierId, sampleCount, totalTokens);
    }
}
