using System.Numerics.Tensors;

namespace JinaClip.Testing.Emulator;

/// <summary>The emulator's few-shot classifiers, in memory, and the stand-in scores of classification.</summary>
internal sealed class ClassifierStore
{
    /// <summary>The factor on cosines before the softmax (CLIP's logit scale).</summary>
    public const float Temperature = 100f;

    /// <summary>The owner every emulated classifier reports.</summary>
    public const string UserId = "00000000-0000-4000-8000-0000000e0001";

    private readonly Dictionary<string, StoredClassifier> _classifiers = new(StringComparer.Ordinal);
    private readonly JinaEmulatorOptions _options;
    private long _created;

    public ClassifierStore(JinaEmulatorOptions options)
    {
        _options = options;
    }

    public DateTimeOffset Now => _options.TimeProvider.GetUtcNow();

    /// <summary>
    /// Zero-shot stand-in: the softmax over the labels of 100 × the cosine between the input's stand-in vector and the
    /// label's, where an image is compared with "a photo of a {label}" (CLIP's prompt) and a text with the label itself.
    /// </summary>
    public static float[] ZeroShot(string model, ParsedInput input, IReadOnlyList<string> labels)
    {
        var native = ApiModels.Find(model)!.NativeDimensions;
        var vector = VectorGenerator.Generate(model, input, native, native, normalized: true);
        var scores = new float[labels.Count];
        for (var i = 0; i < labels.Count; i++)
        {
            var text = input.IsImage ? $"a photo of a {labels[i]}" : labels[i];
            var label = VectorGenerator.Generate(model, new ParsedInput(false, text, null, null), native, native, normalized: true);
            scores[i] = TensorPrimitives.Dot(vector, label) * Temperature;
        }

        return SoftMax(scores);
    }

    /// <summary>A softmax with the largest value subtracted first (exp(100) is past float's range).</summary>
    public static float[] SoftMax(float[] logits)
    {
        TensorPrimitives.Subtract(logits, TensorPrimitives.Max(logits), logits);
        TensorPrimitives.Exp(logits, logits);
        TensorPrimitives.Divide(logits, TensorPrimitives.Sum(logits), logits);
        return logits;
    }

    public static float[] Vector(string model, ParsedInput input)
    {
        var native = ApiModels.Find(model)!.NativeDimensions;
        return VectorGenerator.Generate(model, input, native, native, normalized: true);
    }

    public StoredClassifier Create(string model, string access)
    {
        lock (_classifiers)
        {
            var number = ++_created;
            var now = Now;
            var classifier = new StoredClassifier
            {
                Id = $"00000000-0000-4000-8000-{number:x12}",
                Model = model,
                Access = access,
                CreatedAt = now,
                UpdatedAt = now,
                TrainedAt = now + _options.ClassifierTrainingTime,
            };
            _classifiers[classifier.Id] = classifier;
            return classifier;
        }
    }

    /// <summary>Finds a classifier; <paramref name="busy"/> says it is still training.</summary>
    public StoredClassifier? Find(string id, out bool busy)
    {
        lock (_classifiers)
        {
            var found = _classifiers.TryGetValue(id, out var classifier) ? classifier : null;
            busy = found is not null && Now < found.TrainedAt;
            return found;
        }
    }

    public void Retrain(StoredClassifier classifier)
    {
        lock (_classifiers)
        {
            classifier.UpdatedAt = Now;
            classifier.UpdateCount++;
            classifier.TrainedAt = Now + _options.ClassifierTrainingTime;
        }
    }

    /// <summary>Few-shot stand-in: the softmax of 100 × the cosine between the input and each label's mean example.</summary>
    public float[] FewShot(StoredClassifier classifier, ParsedInput input)
    {
        var vector = Vector(classifier.Model, input);
        lock (_classifiers)
        {
            classifier.UseCount++;
            classifier.UsedAt = Now;
            var scores = new float[classifier.Centroids.Count];
            for (var i = 0; i < scores.Length; i++)
            {
                scores[i] = TensorPrimitives.CosineSimilarity(vector, classifier.Centroids[i].Sum) * Temperature;
            }

            return SoftMax(scores);
        }
    }

    public StoredClassifier[] All()
    {
        lock (_classifiers)
        {
            return [.. _classifiers.Values.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id, StringComparer.Ordinal)];
        }
    }

    public bool Delete(string id)
    {
        lock (_classifiers)
        {
            return _classifiers.Remove(id);
        }
    }
}
