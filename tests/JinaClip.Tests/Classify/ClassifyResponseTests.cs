using System.Net;
using JinaClip.Testing;
using JinaClip.Tests.TestSupport;

namespace JinaClip.Tests.Classify;

/// <summary>Answers are verified like embeddings answers: every index once, scores in [0, 1], predictions among the labels sent.</summary>
public class ClassifyResponseTests
{
    private const string Usage = ""","usage":{"total_tokens":7}}""";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Item(int index, string prediction = "cat", double score = 0.75, string predictions = """[{"label":"cat","score":0.75},{"label":"dog","score":0.25}]""") =>
        $$"""{"index":{{index}},"object":"classification","prediction":"{{prediction}}","score":{{score.ToString(System.Globalization.CultureInfo.InvariantCulture)}},"predictions":{{predictions}}}""";

    public static TheoryData<string, string> BadAnswers => new()
    {
        { "{\"data\":[" + Item(0) + "]" + Usage, "1 classification(s) for 2 input(s): index 1 is missing" },
        { "{\"data\":[" + Item(0) + "," + Item(0) + "]" + Usage, "index 0 twice" },
        { "{\"data\":[" + Item(0) + "," + Item(2) + "]" + Usage, "has index 2, outside the 2 input(s) sent" },
        { "{\"data\":[" + Item(0) + "," + Item(1, prediction: "bird") + "]" + Usage, "predicts 'bird', which is not one of the labels sent" },
        { "{\"data\":[" + Item(0) + "," + Item(1, score: 1.5) + "]" + Usage, "score is 1.5; expected a score from 0 to 1" },
        { "{\"data\":[" + Item(0) + "," + Item(1, score: -0.1) + "]" + Usage, "expected a score from 0 to 1" },
        { "{\"data\":[" + Item(0) + "," + Item(1, predictions: """[{"label":"cat","score":0.75}]""") + "]" + Usage, "scores 1 of the 2 labels: 'dog' has no score" },
        { "{\"data\":[" + Item(0) + "," + Item(1, predictions: """[{"label":"cat","score":0.75},{"label":"cat","score":0.25}]""") + "]" + Usage, "scores 'cat' twice" },
        { "{\"data\":[" + Item(0) + "," + Item(1, predictions: """[{"label":"cat","score":0.75},{"label":"emu","score":0.25}]""") + "]" + Usage, "scores 'emu', which is not one of the labels sent" },
        { "{\"data\":[" + Item(0) + "," + Item(1, predictions: """[{"label":"cat","score":"high"},{"label":"dog","score":0.25}]""") + "]" + Usage, "is a JSON String; expected a number" },
        { "{\"usage\":{\"total_tokens\":1}}", "has no 'data' array" },
        { "{\"data\":[" + Item(0) + ",", "not valid JSON" },
    };

    [Theory]
    [MemberData(nameof(BadAnswers))]
    public async Task ClassifyAsync_InvalidAnswer_ThrowsNamingWhatIsWrong_NeverAShorterList(string answer, string expected)
    {
        using var mock = new JinaMock();
        mock.RespondWith(answer);
        using var client = mock.CreateJinaClient();

        var error = await Assert.ThrowsAsync<JinaInvalidResponseException>(() =>
            client.GetClassificationClient().ClassifyAsync(["a", "b"], ["cat", "dog"], cancellationToken: Ct));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answers_EchoingTheKey_NeverPutItInAnExceptionOrAResult()
    {
        using var mock = new JinaMock();
        using var client = mock.CreateJinaClient();
        var classify = client.GetClassificationClient();

        mock.RespondWith("{\"data\":[" + Item(0, prediction: JinaMock.Key) + "]" + Usage);
        var zeroShot = await Assert.ThrowsAsync<JinaInvalidResponseException>(() => classify.ClassifyAsync(["a"], ["cat", "dog"], cancellationToken: Ct));
        mock.RespondWith("{\"data\":[" + Item(0, predictions: $$"""[{"label":"cat","score":0.75},{"label":"{{JinaMock.Key}}","score":0.25}]""") + "]" + Usage);
        var fewShot = await classify.ClassifyWithClassifierAsync("c1", ["a"], cancellationToken: Ct);
        mock.RespondWith($$"""{"classifier_id":"c1","num_samples":"{{JinaMock.Key}}"}""");
        var train = await Assert.ThrowsAsync<JinaInvalidResponseException>(() => classify.UpdateClassifierAsync("c1", [TrainingExample.FromText("x", "a")], cancellationToken: Ct));

        Assert.DoesNotContain(JinaMock.Key, zeroShot.Message, StringComparison.Ordinal);
        Assert.Contains("predicts '***'", zeroShot.Message, StringComparison.Ordinal);
        Assert.Equal(["cat", "***"], fewShot[0].Scores.Select(s => s.Label));
        Assert.DoesNotContain(JinaMock.Key, train.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClassifyAsync_AnswersOutOfOrder_ReturnsInputOrderByIndex()
    {
        using var mock = new JinaMock();
        mock.RespondWith("{\"data\":[" + Item(1, prediction: "dog", score: 0.6, predictions: """[{"label":"dog","score":0.6},{"label":"cat","score":0.4}]""") + "," + Item(0) + "]" + Usage);
        using var client = mock.CreateJinaClient();

        var result = await client.GetClassificationClient().ClassifyAsync(["a", "b"], ["cat", "dog"], cancellationToken: Ct);

        Assert.Equal([0, 1], result.Select(c => c.Index));
        Assert.Equal(["cat", "dog"], result.Select(c => c.Label));
        Assert.Equal([0.4f, 0.6f], result[1].Scores.Select(s => s.Score)); // in the order the labels were sent
        Assert.Equal(("cat", 0.4f), (result[1].Predictions[0].RunnerUp!.Value.Label, result[1].Predictions[0].RunnerUp!.Value.Score));
        Assert.Equal(7, result.TotalTokens);
    }

    [Fact]
    public async Task ClassifyAsync_GroupedAnswerMissingAGroup_IsAnError()
    {
        using var mock = new JinaMock();
        mock.RespondWith("""{"data":[{"index":0,"prediction":{"a":"x"},"score":{"a":0.9},"predictions":{"a":[{"label":"x","score":0.9},{"label":"y","score":0.1}]}}]}""");
        using var client = mock.CreateJinaClient();

        var error = await Assert.ThrowsAsync<JinaInvalidResponseException>(() => client.GetClassificationClient().ClassifyAsync(
            ["a"], [new LabelGroup("a", ["x", "y"]), new LabelGroup("b", ["p", "q"])], cancellationToken: Ct));

        Assert.Contains("has no value for group 'b'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ClassifyAsync_EmulatorDropsOrTruncates_IsAnError(bool drop)
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateJinaClient(o => o.Retry.MaxRetryAttempts = 0);
        if (drop)
        {
            emulator.Faults.DropOneEmbeddingNext();
        }
        else
        {
            emulator.Faults.TruncateNext();
        }

        await Assert.ThrowsAsync<JinaInvalidResponseException>(() =>
            client.GetClassificationClient().ClassifyAsync(["a", "b", "c"], ["cat", "dog"], cancellationToken: Ct));
    }

    [Fact]
    public async Task ClassifyAsync_EmulatorShuffles_ReturnsTheSameAsInOrder()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateJinaClient();
        var classify = client.GetClassificationClient();
        var plain = await classify.ClassifyAsync(["a", "b", "c"], ["cat", "dog"], cancellationToken: Ct);
        emulator.Faults.ShuffleNext();

        var shuffled = await classify.ClassifyAsync(["a", "b", "c"], ["cat", "dog"], cancellationToken: Ct);

        Assert.Equal(plain.Select(c => (c.Index, c.Label, c.Score)), shuffled.Select(c => (c.Index, c.Label, c.Score)));
    }

    [Fact]
    public async Task ClassifyAsync_1200Inputs_SplitsIntoThreeRequests_AndEqualsEveryOtherSplitAndEachInputAlone()
    {
        // The emulator, like the API, refuses more than 512 inputs in one request, so "one big request" is shown by
        // what it means: each input's answer is the one it gets however the list is cut, and the one it gets alone.
        var emulator = new JinaEmulator();
        using var client = emulator.CreateJinaClient();
        var classify = client.GetClassificationClient();
        var inputs = Enumerable.Range(0, 1200).Select(i => (EmbeddingInput)$"input {i}").ToArray();
        string[] labels = ["cat", "dog", "car", "tree"];

        var progress = new Reports();
        var split = await classify.ClassifyAsync(inputs, labels, new ClassifyOptions { Progress = progress }, Ct);
        var sizes = emulator.Requests.Select(r => System.Text.Json.JsonDocument.Parse(r.Body).RootElement.GetProperty("input").GetArrayLength()).Order().ToArray();
        var cutElsewhere = await classify.ClassifyAsync(inputs, labels, new ClassifyOptions { MaxInputsPerRequest = 97 }, Ct);

        Assert.Equal([176, 512, 512], sizes);
        Assert.Equal(3, progress.Values.Count);
        Assert.Equal(progress.Values.Order(), progress.Values); // increasing, whichever request finished first
        Assert.Equal(1200, progress.Values[^1]);
        Assert.Equal(Enumerable.Range(0, 1200), split.Select(c => c.Index));
        Assert.Equal(Describe(cutElsewhere), Describe(split));
        Assert.True(split.TotalTokens < cutElsewhere.TotalTokens); // the labels are charged once per request: 3 requests, not 13
        foreach (var i in new[] { 0, 511, 512, 1023, 1024, 1199 })
        {
            var alone = await classify.ClassifyAsync([inputs[i]], labels, cancellationToken: Ct);
            Assert.Equal(Describe(alone)[0] with { Index = i }, Describe(split)[i]);
        }
    }

    private sealed class Reports : IProgress<int>
    {
        public List<int> Values { get; } = [];

        public void Report(int value) => Values.Add(value);
    }

    private static List<(int Index, string Label, float Score, string Scores)> Describe(ClassificationResult result) =>
        [.. result.Select(c => (c.Index, c.Label, c.Score, string.Join(",", c.Scores)))];

    [Fact]
    public async Task ClassifyWithClassifierAsync_WhileTraining_WaitsOnTheClock_ThenSucceeds()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var emulator = new JinaEmulator(new JinaEmulatorOptions { TimeProvider = clock, ClassifierTrainingTime = TimeSpan.FromSeconds(12) });
        using var client = emulator.CreateJinaClient(o => o.TimeProvider = clock);
        var classify = client.GetClassificationClient();
        var trained = await classify.TrainClassifierAsync([TrainingExample.FromText("purr", "cat"), TrainingExample.FromText("woof", "dog")], cancellationToken: Ct);

        var call = classify.ClassifyWithClassifierAsync(trained.ClassifierId, ["woof"], cancellationToken: Ct);
        var result = await Clock.Drive(clock, call);

        Assert.Equal("dog", result[0].Label);
        var tries = emulator.Requests.Count(r => r.Path == "/v1/classify");
        Assert.Equal(4, tries); // 409 at 0 s, 5 s and 10 s; the classifier is ready at 12 s, so the try at 15 s succeeds
    }

    [Fact]
    public async Task ClassifyWithClassifierAsync_StillTrainingAfterTheTimeout_ThrowsResourceBusy()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var emulator = new JinaEmulator(new JinaEmulatorOptions { TimeProvider = clock, ClassifierTrainingTime = TimeSpan.FromMinutes(10) });
        using var client = emulator.CreateJinaClient(o => o.TimeProvider = clock);
        var classify = client.GetClassificationClient();
        var trained = await classify.TrainClassifierAsync([TrainingExample.FromText("purr", "cat"), TrainingExample.FromText("woof", "dog")], cancellationToken: Ct);

        var call = classify.ClassifyWithClassifierAsync(trained.ClassifierId, ["woof"], new ClassifyOptions { BusyTimeout = TimeSpan.FromSeconds(20) }, Ct);
        var error = await Assert.ThrowsAsync<JinaResourceBusyException>(async () => await Clock.Drive(clock, call));

        Assert.Equal(HttpStatusCode.Conflict, error.StatusCode);
        Assert.Equal("CONFLICT_RESOURCE_BUSY", error.ErrorCode);
        Assert.Equal(5, emulator.Requests.Count(r => r.Path == "/v1/classify")); // at 0, 5, 10, 15 and 20 s
    }

    [Fact]
    public async Task ClassifyWithClassifierAsync_BusyTimeoutZero_ThrowsAtOnce()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateJinaClient();
        var classify = client.GetClassificationClient();
        var trained = await classify.TrainClassifierAsync([TrainingExample.FromText("purr", "cat"), TrainingExample.FromText("woof", "dog")], cancellationToken: Ct);

        await Assert.ThrowsAsync<JinaResourceBusyException>(() =>
            classify.ClassifyWithClassifierAsync(trained.ClassifierId, ["woof"], new ClassifyOptions { BusyTimeout = TimeSpan.Zero }, Ct));
        Assert.Equal(1, emulator.Requests.Count(r => r.Path == "/v1/classify"));
    }
}
