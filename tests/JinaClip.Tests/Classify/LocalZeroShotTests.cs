using JinaClip.Testing;
using JinaClip.Tests.Images;

namespace JinaClip.Tests.Classify;

/// <summary>Local zero-shot from stored vectors: the same result type as the API, the same top label on the emulator.</summary>
public class LocalZeroShotTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task LocalClassifier_StoredImageVectors_GivesTheApisTopLabel_OnTheEmulator()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateJinaClient();
        var images = Enumerable.Range(1, 12).Select(i => EmbeddingInput.FromImageBytes(TestImages.Png((uint)i, 3))).ToArray();
        string[] labels = ["cat", "dog", "bicycle", "mountain", "beach"];
        var stored = await client.GetEmbeddingsClient().EmbedAsync(images, cancellationToken: Ct);
        var requestsBefore = emulator.RequestCount;

        var local = await client.GetClassificationClient().CreateLocalClassifierAsync(labels, cancellationToken: Ct);
        var fromVectors = await local.ClassifyAsync([.. stored.Select(e => e.GetVector())], Ct);
        var fromApi = await client.GetClassificationClient().ClassifyAsync(images, labels, cancellationToken: Ct);

        Assert.Equal(requestsBefore + 2, emulator.RequestCount); // one embeddings request for the labels, one classify request
        Assert.Equal(
            """{"model":"jina-clip-v1","input":[{"text":"a photo of a cat"},{"text":"a photo of a dog"},{"text":"a photo of a bicycle"},{"text":"a photo of a mountain"},{"text":"a photo of a beach"}],"embedding_type":"base64"}""",
            emulator.Requests[requestsBefore].Body);
        Assert.Equal(fromApi.Select(c => c.Label), fromVectors.Select(c => c.Label));
        Assert.Equal(Enumerable.Range(0, 12), fromVectors.Select(c => c.Index));
        Assert.All(fromVectors, c => Assert.Equal(1f, c.Scores.Sum(s => s.Score), 3));
        Assert.Equal(0, fromVectors.TotalTokens);
        Assert.Equal(JinaModels.ClipV1, fromVectors.Model);
    }

    [Fact]
    public async Task LocalClassifier_TextVectorsWithBareLabelTemplate_AgreesWithTheApi_AndLabelGroupsGetOnePredictionEach()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateJinaClient();
        EmbeddingInput[] texts = ["red", "a bike", "green", "blue sky"];
        LabelGroup[] groups = [new("colour", ["red", "green", "blue"]), new("thing", ["bike", "sky", "car"])];
        var stored = await client.GetEmbeddingsClient().EmbedAsync(texts, cancellationToken: Ct);

        var local = await client.GetClassificationClient().CreateLocalClassifierAsync(groups, new LocalClassifierOptions { PromptTemplate = "{label}" }, Ct);
        var fromVectors = await local.ClassifyAsync([.. stored.Select(e => e.GetVector())], Ct);
        var fromApi = await client.GetClassificationClient().ClassifyAsync(texts, groups, cancellationToken: Ct);

        Assert.Equal("red", fromVectors[0]["colour"].Label);
        Assert.Equal("green", fromVectors[2]["colour"].Label);
        foreach (var group in new[] { "colour", "thing" })
        {
            Assert.Equal(fromApi.Select(c => c[group].Label), fromVectors.Select(c => c[group].Label));
            Assert.All(fromVectors, c => Assert.Equal(1f, c[group].Scores.Sum(s => s.Score), 3));
        }

        Assert.Equal(["red", "green", "blue", "bike", "sky", "car"], local.Labels);
    }

    [Fact]
    public async Task FromLabelVectors_SendsNothing_AndClassifiesOneVectorOnTheCallingThread()
    {
        var local = LocalZeroShotClassifier.FromLabelVectors(["x", "y"], [new float[] { 1, 0, 0 }, new float[] { 0, 1, 0 }], temperature: 10f, model: "mine");

        var one = local.Classify(new float[] { 0.9f, 0.1f, 0.2f });
        var many = await local.ClassifyAsync([new float[] { 0, 3, 0 }, new float[] { 2, 0, 1 }], Ct);

        Assert.Equal("x", one.Label);
        Assert.Equal(1 / (1 + MathF.Exp(10 * (0.1f - 0.9f) / MathF.Sqrt(0.86f))), one.Score, 4);
        Assert.Equal("y", one.Predictions[0].RunnerUp!.Value.Label);
        Assert.Equal(1 - one.Score, one.Predictions[0].RunnerUp!.Value.Score, 4);
        Assert.Equal(["y", "x"], many.Select(c => c.Label));
        Assert.Equal("mine", many.Model);
    }

    public static TheoryData<string, string> Refusals => new()
    {
        { "wrong-length", "Vector 1 has 2 dimensions; the labels have 3" },
        { "nan", "Vector 0 has a value that is not finite" },
        { "no-placeholder", "has no {label} placeholder" },
        { "zero-temperature", "temperature must be a finite number above 0" },
        { "count-mismatch", "1 label vectors were given for 2 labels" },
        { "duplicate-label", "Label 1 ('x') repeats label 0" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task LocalClassifier_BadInput_ThrowsNamingItsPosition(string scenario, string expected)
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateJinaClient();
        var local = LocalZeroShotClassifier.FromLabelVectors(["x", "y"], [new float[] { 1, 0, 0 }, new float[] { 0, 1, 0 }]);

        Func<Task> call = scenario switch
        {
            "wrong-length" => () => local.ClassifyAsync([new float[] { 1, 0, 0 }, new float[] { 1, 0 }], Ct),
            "nan" => () => local.ClassifyAsync([new float[] { float.NaN, 0, 0 }], Ct),
            "no-placeholder" => () => client.GetClassificationClient().CreateLocalClassifierAsync(["a", "b"], new LocalClassifierOptions { PromptTemplate = "a photo" }, Ct),
            "zero-temperature" => () => Task.FromResult(LocalZeroShotClassifier.FromLabelVectors(["a"], [new float[] { 1 }], temperature: 0)),
            "count-mismatch" => () => Task.FromResult(LocalZeroShotClassifier.FromLabelVectors(["a", "b"], [new float[] { 1 }])),
            "duplicate-label" => () => client.GetClassificationClient().CreateLocalClassifierAsync(["x", "x"], cancellationToken: Ct),
            _ => throw new ArgumentOutOfRangeException(nameof(scenario)),
        };

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(call);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal(0, emulator.RequestCount);
    }
}
