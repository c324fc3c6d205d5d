using JinaClip.Testing;
using JinaClip.Tests.Images;

namespace JinaClip.Tests.Classify;

/// <summary>Everything the spec limits is refused before sending, with a message naming the input, label or group.</summary>
public class ClassifyRefusalTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> ZeroShotRefusals => new()
    {
        { "image-to-text-model", "Input 1 is an image" },
        { "image-to-v4", "Input 1 is an image" },
        { "no-inputs", "at least one input" },
        { "null-input", "Input 1 is null" },
        { "no-labels", "at least one label" },
        { "empty-label", "Label 1 is empty" },
        { "duplicate-label", "Label 2 ('cat') repeats label 0" },
        { "513-labels", "513 labels are more than the API takes" },
        { "9-groups", "9 label groups are more than the API takes (8)" },
        { "65-in-a-group", "Label group 1 ('big') has 65 labels; the API takes at most 64" },
        { "empty-group", "Label group 0 ('a') has no labels" },
        { "duplicate-group", "Label group 1 ('a') repeats the name of group 0" },
        { "duplicate-in-group", "Label 1 of group 'a' ('x') repeats label 0" },
        { "missing-file", "missing.jpg" },
        { "code-model-trains", "cannot be trained" },
    };

    [Theory]
    [MemberData(nameof(ZeroShotRefusals))]
    public async Task Classify_InvalidCall_ThrowsNamingTheProblem_AndSendsNothing(string scenario, string expected)
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateJinaClient();
        var classify = client.GetClassificationClient();
        var image = EmbeddingInput.FromImageBytes(TestImages.Png(2, 2));
        var many = Enumerable.Range(0, 65).Select(i => $"l{i}").ToArray();

        Task call = scenario switch
        {
            "image-to-text-model" => classify.ClassifyAsync(["text", image], ["a", "b"], new ClassifyOptions { Model = JinaModels.EmbeddingsV3 }, Ct),
            "image-to-v4" => classify.ClassifyAsync(["text", image], ["a", "b"], new ClassifyOptions { Model = JinaModels.EmbeddingsV4 }, Ct),
            "no-inputs" => classify.ClassifyAsync([], ["a", "b"], cancellationToken: Ct),
            "null-input" => classify.ClassifyAsync(["a", null!], ["a", "b"], cancellationToken: Ct),
            "no-labels" => classify.ClassifyAsync(["a"], Array.Empty<string>(), cancellationToken: Ct),
            "empty-label" => classify.ClassifyAsync(["a"], ["cat", " "], cancellationToken: Ct),
            "duplicate-label" => classify.ClassifyAsync(["a"], ["cat", "dog", "cat"], cancellationToken: Ct),
            "513-labels" => classify.ClassifyAsync(["a"], Enumerable.Range(0, 513).Select(i => $"l{i}"), cancellationToken: Ct),
            "9-groups" => classify.ClassifyAsync(["a"], Enumerable.Range(0, 9).Select(i => new LabelGroup($"g{i}", ["x", "y"])), cancellationToken: Ct),
            "65-in-a-group" => classify.ClassifyAsync(["a"], [new LabelGroup("small", ["x"]), new LabelGroup("big", many)], cancellationToken: Ct),
            "empty-group" => classify.ClassifyAsync(["a"], [new LabelGroup("a", [])], cancellationToken: Ct),
            "duplicate-group" => classify.ClassifyAsync(["a"], [new LabelGroup("a", ["x"]), new LabelGroup("a", ["y"])], cancellationToken: Ct),
            "duplicate-in-group" => classify.ClassifyAsync(["a"], [new LabelGroup("a", ["x", "x"])], cancellationToken: Ct),
            "missing-file" => classify.ClassifyAsync([EmbeddingInput.FromImageFile("missing.jpg")], ["a", "b"], cancellationToken: Ct),
            "code-model-trains" => classify.TrainClassifierAsync(
                [TrainingExample.FromText("x", "a"), TrainingExample.FromText("y", "b")], new ClassifierTrainingOptions { Model = JinaModels.CodeEmbeddings500M }, Ct),
            _ => throw new ArgumentOutOfRangeException(nameof(scenario)),
        };

        var error = await Assert.ThrowsAnyAsync<Exception>(() => call);
        Assert.True(error is ArgumentException or FileNotFoundException, error.GetType().Name);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal(0, emulator.RequestCount);
    }

    public static TheoryData<string, string> ClassifierRefusals => new()
    {
        { "image-to-classifier", "Input 0 is an image" },
        { "model-with-classifier", "leave Model unset" },
        { "empty-id", "classifier id is empty" },
        { "slash-in-id", "has a character no classifier id has" },
        { "one-example", "at least 2 examples" },
        { "one-label", "at least 2 distinct labels; every example is labelled 'cat'" },
        { "513-examples", "513 examples are more than one training request takes (512)" },
        { "empty-example-label", "Example 1 has an empty label" },
        { "image-to-text-trainer", "Example 1 is an image" },
        { "zero-iterations", "Iterations must be at least 1" },
        { "update-with-model", "leave Model unset" },
    };

    [Theory]
    [MemberData(nameof(ClassifierRefusals))]
    public async Task Classifiers_InvalidCall_ThrowsNamingTheProblem_AndSendsNothing(string scenario, string expected)
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateJinaClient();
        var classify = client.GetClassificationClient();
        var image = EmbeddingInput.FromImageBytes(TestImages.Png(2, 2));
        TrainingExample[] two = [TrainingExample.FromText("x", "a"), TrainingExample.FromText("y", "b")];

        Task call = scenario switch
        {
            "image-to-classifier" => classify.ClassifyWithClassifierAsync("c1", [image], cancellationToken: Ct),
            "model-with-classifier" => classify.ClassifyWithClassifierAsync("c1", ["a"], new ClassifyOptions { Model = JinaModels.ClipV1 }, Ct),
            "empty-id" => classify.ClassifyWithClassifierAsync(" ", ["a"], cancellationToken: Ct),
            "slash-in-id" => classify.DeleteClassifierAsync("../v1/embeddings", Ct),
            "one-example" => classify.TrainClassifierAsync([TrainingExample.FromText("x", "a")], cancellationToken: Ct),
            "one-label" => classify.TrainClassifierAsync([TrainingExample.FromText("x", "cat"), TrainingExample.FromText("y", "cat")], cancellationToken: Ct),
            "513-examples" => classify.TrainClassifierAsync(Enumerable.Range(0, 513).Select(i => TrainingExample.FromText($"t{i}", $"l{i % 2}")), cancellationToken: Ct),
            "empty-example-label" => classify.TrainClassifierAsync([TrainingExample.FromText("x", "a"), TrainingExample.FromText("y", "")], cancellationToken: Ct),
            "image-to-text-trainer" => classify.TrainClassifierAsync(
                [TrainingExample.FromText("x", "a"), new TrainingExample(image, "b")], new ClassifierTrainingOptions { Model = JinaModels.EmbeddingsV3 }, Ct),
            "zero-iterations" => classify.TrainClassifierAsync(two, new ClassifierTrainingOptions { Iterations = 0 }, Ct),
            "update-with-model" => classify.UpdateClassifierAsync("c1", two, new ClassifierTrainingOptions { Model = JinaModels.ClipV1 }, Ct),
            _ => throw new ArgumentOutOfRangeException(nameof(scenario)),
        };

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => call);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal(0, emulator.RequestCount);
    }

    [Fact]
    public async Task ClassifyAsync_ValidateRequestsOff_LetsTheServerJudgeALimit()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateJinaClient(o => o.ValidateRequests = false);

        var error = await Assert.ThrowsAsync<JinaApiException>(() =>
            client.GetClassificationClient().ClassifyAsync(["a"], Enumerable.Range(0, 513).Select(i => $"l{i}"), cancellationToken: Ct));

        Assert.Equal("INPUT_LABEL_LIMIT_EXCEEDED", error.ErrorCode);
        Assert.Equal(1, emulator.RequestCount);
    }
}
