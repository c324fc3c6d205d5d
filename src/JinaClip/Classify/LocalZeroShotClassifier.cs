using System.Buffers;
using System.Globalization;
using System.Numerics.Tensors;
using JinaClip.Classify;
using JinaClip.Engine;
using JinaClip.Similarity;

namespace JinaClip;

/// <summary>
/// Zero-shot classification on this machine, from vectors you already have (the common case after indexing): the
/// labels are embedded once, as <see cref="LocalClassifierOptions.PromptTemplate"/> prompts, and kept; every
/// classification after that is arithmetic, with no request. The score of a label is the softmax, over the labels
/// (per group), of the cosine similarity times <see cref="LocalClassifierOptions.Temperature"/>.
/// </summary>
/// <remarks>
/// A call keeps each vector's prediction and score; the scores of every label (<see cref="LabelPrediction.Scores"/>,
/// <see cref="LabelPrediction.RunnerUp"/>) are computed from the vector when first read, so 100,000 results cost a few
/// megabytes, not the 40 MB of a full score matrix, and the vectors you pass must not change while you read the result.
/// These scores are not the API's numbers: <c>POST /v1/classify</c> computes its own, in ways it does not publish. For
/// labels that are well apart the top label agrees; the scores differ. The cosines of many vectors against all labels
/// are one matrix product, computed with a blocked AVX-512 kernel where the CPU has one, a block of vectors per core.
/// Thread-safe: a classifier is immutable once created.
/// </remarks>
public sealed class LocalZeroShotClassifier
{
    private const int RowsPerPart = 1024;

    private readonly LabelMatrix _matrix;
    private readonly string[] _labels;
    private readonly string?[] _groupNames;
    private readonly int[] _groupOffsets;
    private readonly int[] _groupCounts;

    private LocalZeroShotClassifier(string model, LabelMatrix matrix, string[] labels, string?[] groupNames, int[] groupOffsets, int[] groupCounts, float temperature)
    {
        Model = model;
        _matrix = matrix;
        _labels = labels;
        _groupNames = groupNames;
        _groupOffsets = groupOffsets;
        _groupCounts = groupCounts;
        Temperature = temperature;
    }

    /// <summary>Gets the model the labels were embedded with (the vectors you classify must be of the same model and size).</summary>
    public string Model { get; }

    /// <summary>Gets every label, group after group, in the order given.</summary>
    public IReadOnlyList<string> Labels => _labels;

    /// <summary>Gets the vectors' length.</summary>
    public int Dimensions => _matrix.Dimensions;

    /// <summary>Gets the factor applied to cosines before the softmax.</summary>
    public float Temperature { get; }

    /// <summary>Embeds the labels with <paramref name="client"/> and creates a classifier for them.</summary>
    /// <param name="client">The embeddings client (the labels cost one request's tokens, once).</param>
    /// <param name="labels">The candidate labels, each once.</param>
    /// <param name="options">The template, temperature and embedding options, or <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the embedding.</param>
    /// <returns>The classifier.</returns>
    /// <exception cref="ArgumentException">A label or an option is invalid; nothing was sent.</exception>
    public static Task<LocalZeroShotClassifier> CreateAsync(
        JinaEmbeddingClient client, IEnumerable<string> labels, LocalClassifierOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var list = LabelChecks.Plain(labels, limits: false, nameof(labels));
        return CreateAsync(client, list, [null], [0], [list.Length], options, cancellationToken);
    }

    /// <summary>Embeds the labels of named groups with <paramref name="client"/> and creates a classifier that predicts one label per group.</summary>
    /// <param name="client">The embeddings client.</param>
    /// <param name="labelGroups">The label groups.</param>
    /// <param name="options">The template, temperature and embedding options, or <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the embedding.</param>
    /// <returns>The classifier.</returns>
    /// <exception cref="ArgumentException">A group, a label or an option is invalid; nothing was sent.</exception>
    public static Task<LocalZeroShotClassifier> CreateAsync(
        JinaEmbeddingClient client, IEnumerable<LabelGroup> labelGroups, LocalClassifierOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var groups = LabelChecks.Groups(labelGroups, limits: false, nameof(labelGroups));
        var offsets = new int[groups.Length];
        for (var g = 1; g < groups.Length; g++)
        {
            offsets[g] = offsets[g - 1] + groups[g - 1].Labels.Count;
        }

        return CreateAsync(
            client, [.. groups.SelectMany(g => g.Labels)], [.. groups.Select(g => g.Name)], offsets, [.. groups.Select(g => g.Labels.Count)], options, cancellationToken);
    }

    /// <summary>
    /// Creates a classifier from label vectors you embedded (and stored) yourself, with no request.
    /// </summary>
    /// <param name="labels">The labels, each once.</param>
    /// <param name="labelVectors">One vector per label, in the same order, all of one length.</param>
    /// <param name="temperature">The factor applied to cosines before the softmax (see <see cref="LocalClassifierOptions.Temperature"/>).</param>
    /// <param name="model">The model the vectors came from, for <see cref="ClassificationResult.Model"/>.</param>
    /// <returns>The classifier.</returns>
    /// <exception cref="ArgumentException">A label is empty or repeated, the counts differ, or a vector is empty, of another length or not finite.</exception>
    public static LocalZeroShotClassifier FromLabelVectors(
        IEnumerable<string> labels, IEnumerable<ReadOnlyMemory<float>> labelVectors, float temperature = 100f, string model = "")
    {
        ArgumentNullException.ThrowIfNull(labelVectors);
        ArgumentNullException.ThrowIfNull(model);
        var list = LabelChecks.Plain(labels, limits: false, nameof(labels));
        CheckTemperature(temperature, nameof(temperature));
        var vectors = labelVectors.ToArray();
        if (vectors.Length != list.Length)
        {
            throw new ArgumentException($"{vectors.Length} label vectors were given for {list.Length} labels; give one per label.", nameof(labelVectors));
        }

        return Build(model, list, [null], [0], [list.Length], vectors, temperature, nameof(labelVectors));
    }

    /// <summary>Classifies stored vectors (image or text embeddings of <see cref="Model"/>), using every core.</summary>
    /// <param name="vectors">The vectors, in your order; each of <see cref="Dimensions"/> floats.</param>
    /// <param name="cancellationToken">Cancels the work between blocks of vectors.</param>
    /// <returns>One classification per vector, in order (<see cref="ClassificationResult.TotalTokens"/> is 0: nothing was sent).</returns>
    /// <exception cref="ArgumentException">A vector is of another length, or not finite (no result is returned).</exception>
    public async Task<ClassificationResult> ClassifyAsync(IReadOnlyList<ReadOnlyMemory<float>> vectors, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(vectors);

        // Each vector's length and values are checked as its block is scored (one pass over memory, not two). The call
        // keeps each prediction and its score (O(vectors) memory); a block's full score matrix lives in a pooled buffer.
        var groups = _groupNames.Length;
        var best = new int[vectors.Count * groups];
        var top = new float[vectors.Count * groups];
        var parts = new List<InputRange>();
        for (var start = 0; start < vectors.Count; start += RowsPerPart)
        {
            parts.Add(new InputRange(start, Math.Min(RowsPerPart, vectors.Count - start)));
        }

        // Blocks of vectors are independent CPU work: one per core at once, on the engine that runs every concurrent task.
        await RequestEngine.RunAllAsync<InputRange, bool>(
            parts,
            (range, ct) => Task.Run(() => Score(vectors, range, best, top), ct),
            Math.Max(1, Environment.ProcessorCount),
            cancellationToken).ConfigureAwait(false);
        return new ClassificationResult(new ScoredRows(this, [.. vectors], best, top), Model, 0);
    }

    /// <summary>Classifies one stored vector on the calling thread.</summary>
    /// <param name="vector">The vector, of <see cref="Dimensions"/> floats.</param>
    /// <returns>Its classification (index 0).</returns>
    /// <exception cref="ArgumentException">The vector is of another length, or not finite.</exception>
    public ClassifiedInput Classify(ReadOnlyMemory<float> vector)
    {
        var scores = ScoreRow(vector, 0);
        var predictions = new LabelPrediction[_groupNames.Length];
        for (var g = 0; g < predictions.Length; g++)
        {
            var at = _groupOffsets[g];
            var label = TensorPrimitives.IndexOfMax(scores.AsSpan(at, _groupCounts[g]));
            predictions[g] = new LabelPrediction(_groupNames[g], _labels[at + label], scores[at + label], _labels, scores, at, _groupCounts[g]);
        }

        return new ClassifiedInput(0, predictions);
    }

    /// <summary>Describes the classifier.</summary>
    /// <returns>The model, label count and temperature.</returns>
    public override string ToString() =>
        string.Format(CultureInfo.InvariantCulture, "LocalZeroShotClassifier {{ Model = {0}, Labels = {1}, Dimensions = {2}, Temperature = {3} }}", Model, _labels.Length, Dimensions, Temperature);

    private static async Task<LocalZeroShotClassifier> CreateAsync(
        JinaEmbeddingClient client, string[] labels, string?[] names, int[] offsets, int[] counts, LocalClassifierOptions? options, CancellationToken cancellationToken)
    {
        var template = options?.PromptTemplate ?? "a photo of a {label}";
        if (template.IndexOf(LocalClassifierOptions.LabelPlaceholder, StringComparison.Ordinal) < 0)
        {
            throw new ArgumentException(
                $"LocalClassifierOptions.PromptTemplate '{template}' has no {LocalClassifierOptions.LabelPlaceholder} placeholder, so every label would be embedded as the same text.",
                nameof(options));
        }

        var temperature = options?.Temperature ?? 100f;
        CheckTemperature(temperature, nameof(options));
        var prompts = labels.Select(l => EmbeddingInput.FromText(template.Replace(LocalClassifierOptions.LabelPlaceholder, l))).ToArray();
        var embedded = await client.EmbedAsync(prompts, options?.EmbeddingOptions, cancellationToken).ConfigureAwait(false);
        return Build(embedded.Model, labels, names, offsets, counts, [.. embedded.Select(e => e.GetVector())], temperature, nameof(labels));
    }

    private static LocalZeroShotClassifier Build(
        string model, string[] labels, string?[] names, int[] offsets, int[] counts, ReadOnlyMemory<float>[] vectors, float temperature, string paramName)
    {
        var dimensions = vectors[0].Length;
        var flat = new float[labels.Length * dimensions];
        for (var l = 0; l < labels.Length; l++)
        {
            var vector = vectors[l].Span;
            if (vector.Length == 0 || vector.Length != dimensions)
            {
                throw new ArgumentException($"The vector of label {l} ('{labels[l]}') has {vector.Length} dimensions; label 0's has {dimensions}.", paramName);
            }

            var norm = TensorPrimitives.Norm(vector);
            if (!IsFinite(norm) || norm == 0)
            {
                throw new ArgumentException($"The vector of label {l} ('{labels[l]}') is zero or not finite.", paramName);
            }

            vector.CopyTo(flat.AsSpan(l * dimensions));
        }

        return new LocalZeroShotClassifier(model, new LabelMatrix(flat, labels.Length, dimensions), labels, names, offsets, counts, temperature);
    }

    private static bool IsFinite(float value) => !float.IsNaN(value) && !float.IsInfinity(value);

    private static void CheckTemperature(float temperature, string paramName)
    {
        if (!IsFinite(temperature) || temperature <= 0)
        {
            throw new ArgumentOutOfRangeException(paramName, temperature, "The temperature must be a finite number above 0.");
        }
    }

    // Compiled optimized at once: a large call runs it for blocks of 1,024 vectors before tiering would catch up.
#if NET
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
#endif
    private bool Score(IReadOnlyList<ReadOnlyMemory<float>> vectors, InputRange range, int[] best, float[] top)
    {
        var width = _labels.Length;
        var groups = _groupNames.Length;
        var scratch = ArrayPool<float>.Shared.Rent(range.Count * width);
        try
        {
            _matrix.Cosines(vectors, range.Start, range.Count, scratch.AsSpan(0, range.Count * width), Temperature);
            for (var r = 0; r < range.Count; r++)
            {
                for (var g = 0; g < groups; g++)
                {
                    // The best label's softmax score is 1 / Σ exp(logit − best logit); the others are computed when read.
                    var logits = scratch.AsSpan((r * width) + _groupOffsets[g], _groupCounts[g]);
                    var at = ((range.Start + r) * groups) + g;
                    best[at] = SoftMax.InPlace(logits);
                    top[at] = logits[best[at]];
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scratch);
        }

        return true;
    }

    /// <summary>Every label's score for one vector: its cosines times the temperature, softmaxed per group.</summary>
    private float[] ScoreRow(ReadOnlyMemory<float> vector, int index)
    {
        var scores = new float[_labels.Length];
        _matrix.Cosines(new SingleVector(vector, index), index, 1, scores, Temperature);
        for (var g = 0; g < _groupNames.Length; g++)
        {
            SoftMax.InPlace(scores.AsSpan(_groupOffsets[g], _groupCounts[g]));
        }

        return scores;
    }

    /// <summary>
    /// The classifications of a local call, each built when it is read from the prediction and score the call kept; its
    /// full label scores are computed from the vector when first read.
    /// </summary>
    private sealed class ScoredRows(LocalZeroShotClassifier owner, ReadOnlyMemory<float>[] vectors, int[] best, float[] top) : IReadOnlyList<ClassifiedInput>
    {
        public int Count => vectors.Length;

        public ClassifiedInput this[int index] => (uint)index < (uint)vectors.Length ? Build(index) : throw new ArgumentOutOfRangeException(nameof(index));

        public IEnumerator<ClassifiedInput> GetEnumerator()
        {
            for (var i = 0; i < vectors.Length; i++)
            {
                yield return Build(i);
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        private ClassifiedInput Build(int row)
        {
            var groups = owner._groupNames.Length;
            float[]? scores = null;
            float[] Compute() => scores ??= owner.ScoreRow(vectors[row], row);
            var predictions = new LabelPrediction[groups];
            for (var g = 0; g < groups; g++)
            {
                var at = (row * groups) + g;
                var offset = owner._groupOffsets[g];
                predictions[g] = new LabelPrediction(
                    owner._groupNames[g], owner._labels[offset + best[at]], top[at], owner._labels, offset, owner._groupCounts[g], Compute);
            }

            return new ClassifiedInput(row, predictions);
        }
    }

    /// <summary>One vector seen as the list the kernel reads, at its position in the call (for messages).</summary>
    private sealed class SingleVector(ReadOnlyMemory<float> vector, int index) : IReadOnlyList<ReadOnlyMemory<float>>
    {
        public int Count => index + 1;

        public ReadOnlyMemory<float> this[int at] => at == index ? vector : throw new ArgumentOutOfRangeException(nameof(at));

        public IEnumerator<ReadOnlyMemory<float>> GetEnumerator()
        {
            yield return vector;
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
