using JinaClip.Testing;
using JinaClip.Tests.Images;

namespace JinaClip.Tests.Classify;

/// <summary>The exact request JSON of every classification call, and the typed answers read from the emulator.</summary>
public class ClassifyWireTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ClassifyAsync_PlainLabels_SendsModelInputAndLabels_AndReadsEveryLabelsScoreInLabelOrder()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateJinaClient();

        var result = await client.GetClassificationClient().ClassifyAsync(["a cat on a mat", "cat"], ["dog", "cat", "car"], cancellationToken: Ct);

        Assert.Equal("""{"model":"jina-clip-v1","input":["a cat on a mat","cat"],"labels":["dog","cat","car"]}""", emulator.Requests[0].Body);
        Assert.Equal("/v1/classify", emulator.Requests[0].Path);
        Assert.Equal(2, result.Count);
        Assert.Equal([0, 1], result.Select(c => c.Index));
        Assert.Equal("cat", result[1].Label); // the text "cat" is the label's own stand-in vector: cosine 1
        Assert.Equal(["dog", "cat", "car"], result[1].Scores.Select(s => s.Label));
        Assert.Equal(1f, result[1].Scores.Sum(s => s.Score), 3);
        Assert.Equal(result[1].Score, result[1].Predictions[0].ScoreOf("cat"));
        Assert.Null(result[1].Predictions[0].Group);
        Assert.Equal(JinaModels.ClipV1, result.Model);
        Assert.True(result.TotalTokens > 0);
    }

    [Fact]
    public async Task ClassifyAsync_LabelGroups_SendsAnObjectOfGroups_AndReadsOnePredictionPerGroup()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateJinaClient();

        var result = await client.GetClassificationClient().ClassifyAsync(
            ["red", "a dog"],
            [new LabelGroup("colour", ["red", "green"]), new LabelGroup("animal", ["cat", "dog", "bird"])],
            new ClassifyOptions { Model = JinaModels.EmbeddingsV3 },
            Ct);

        Assert.Equal(
            """{"model":"jina-embeddings-v3","input":["red","a dog"],"labels":{"colour":["red","green"],"animal":["cat","dog","bird"]}}""",
            emulator.Requests[0].Body);
        Assert.Equal(["colour", "animal"], result[0].Predictions.Select(p => p.Group));
        Assert.Equal("red", result[0]["colour"].Label);
        Assert.Equal(["cat", "dog", "bird"], result[0]["animal"].Scores.Select(s => s.Label));
        Assert.Equal(1f, result[0]["animal"].Scores.Sum(s => s.Score), 3);
        Assert.Equal(result[0]["colour"].Label, result[0].Label);
        Assert.Throws<KeyNotFoundException>(() => result[0]["size"]);
    }

    [Fact]
    public async Task ClassifyAsync_ImageBytesAndUrl_GoAsBase64AndAsTheyAre()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateJinaClient();
        var png = TestImages.Png(2, 2);

        var result = await client.GetClassificationClient().ClassifyAsync(
            [EmbeddingInput.FromImageBytes(png), EmbeddingInput.FromImageUrl("https://example.com/cat.jpg"), "a kitten"], ["cat", "dog"], cancellationToken: Ct);

        Assert.Equal(
            $$"""{"model":"jina-clip-v1","input":[{"image":"{{Convert.ToBase64String(png)}}"},{"image":"https://example.com/cat.jpg"},"a kitten"],"labels":["cat","dog"]}""",
            emulator.Requests[0].Body);
        Assert.Equal(3, result.Count);
    }

    [Fact]
    public async Task TrainClassifierAsync_SendsAccessPrivateUnlessAskedForPublic()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateJinaClient();
        var classify = client.GetClassificationClient();
        var png = TestImages.Png(2, 2);
        TrainingExample[] examples = [TrainingExample.FromText("purr", "cat"), new(EmbeddingInput.FromImageBytes(png), "dog")];

        var trained = await classify.TrainClassifierAsync(examples, new ClassifierTrainingOptions { Iterations = 12 }, Ct);
        await classify.TrainClassifierAsync(examples, new ClassifierTrainingOptions { Access = ClassifierAccess.Public }, Ct);

        Assert.Equal(
            $$"""{"model":"jina-clip-v1","input":[{"text":"purr","label":"cat"},{"image":"{{Convert.ToBase64String(png)}}","label":"dog"}],"num_iters":12,"access":"private"}""",
            emulator.Requests[0].Body);
        Assert.Equal("/v1/train", emulator.Requests[0].Path);
        Assert.EndsWith("""],"access":"public"}""", emulator.Requests[1].Body, StringComparison.Ordinal);
        Assert.Equal(2, trained.SampleCount);
        Assert.False(string.IsNullOrEmpty(trained.ClassifierId));
        var listed = await classify.GetClassifiersAsync(Ct);
        Assert.Equal(["private", "public"], listed.Select(c => c.Access));
        Assert.Equal(["cat", "dog"], listed[0].Labels);
        Assert.Equal(JinaModels.ClipV1, listed[0].Model);
    }

    [Fact]
    public async Task UpdateListDeleteAndFewShot_SendTheirShapes()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var emulator = new JinaEmulator(new JinaEmulatorOptions { TimeProvider = clock, ClassifierTrainingTime = TimeSpan.Zero });
        using var client = emulator.CreateJinaClient(o => o.TimeProvider = clock);
        var classify = client.GetClassificationClient();
        var trained = await classify.TrainClassifierAsync(
            [TrainingExample.FromText("purr", "cat"), TrainingExample.FromText("woof", "dog")], new ClassifierTrainingOptions { Model = JinaModels.EmbeddingsV3 }, Ct);
        clock.Advance(TimeSpan.FromSeconds(1));

        var updated = await classify.UpdateClassifierAsync(trained.ClassifierId, [TrainingExample.FromText("tweet", "bird")], new ClassifierTrainingOptions { Iterations = 3 }, Ct);
        clock.Advance(TimeSpan.FromSeconds(1));
        var result = await classify.ClassifyWithClassifierAsync(trained.ClassifierId, ["purr"], cancellationToken: Ct);
        var listed = await classify.GetClassifiersAsync(Ct);
        await classify.DeleteClassifierAsync(trained.ClassifierId, Ct);
        var afterDelete = await classify.GetClassifiersAsync(Ct);

        var id = trained.ClassifierId;
        Assert.Equal($$"""{"classifier_id":"{{id}}","input":[{"text":"tweet","label":"bird"}],"num_iters":3}""", emulator.Requests[1].Body);
        Assert.Equal(id, updated.ClassifierId);
        Assert.Equal($$"""{"classifier_id":"{{id}}","input":["purr"]}""", emulator.Requests[2].Body);
        Assert.Equal(("GET", "/v1/classifiers", ""), (emulator.Requests[3].Method, emulator.Requests[3].Path, emulator.Requests[3].Body));
        Assert.Equal(("DELETE", $"/v1/classifiers/{id}", ""), (emulator.Requests[4].Method, emulator.Requests[4].Path, emulator.Requests[4].Body));
        Assert.Equal("cat", result[0].Label); // "purr" is the cat example's own vector
        Assert.Equal(["bird", "cat", "dog"], result[0].Scores.Select(s => s.Label).Order(StringComparer.Ordinal));
        Assert.Equal(id, result.Model);
        var info = Assert.Single(listed);
        Assert.Equal((1, 1), (info.UpdateCount, info.UseCount));
        Assert.Equal(["cat", "dog", "bird"], info.Labels);
        Assert.NotNull(info.UsedAt);
        Assert.Empty(afterDelete);
    }
}
