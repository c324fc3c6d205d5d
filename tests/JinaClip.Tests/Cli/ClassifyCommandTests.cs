using System.Text.Json;
using JinaClip.Tests.Images;
using JinaClip.Tests.TestSupport;

namespace JinaClip.Tests.Cli;

/// <summary><c>jinaclip classify</c> and <c>jinaclip classifiers</c>, offline on the emulator.</summary>
public sealed class ClassifyCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"jinaclip-classify-{Guid.NewGuid():N}");

    public ClassifyCommandTests()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "cat"));
        Directory.CreateDirectory(Path.Combine(_folder, "dog"));
        for (var i = 0; i < 3; i++)
        {
            File.WriteAllBytes(Path.Combine(_folder, "cat", $"cat{i}.png"), TestImages.Png((uint)(i + 1), 2));
            File.WriteAllBytes(Path.Combine(_folder, "dog", $"dog{i}.png"), TestImages.Png(2, (uint)(i + 1)));
        }

        File.WriteAllText(Path.Combine(_folder, "notes.txt"), "not an image");
        File.WriteAllBytes(Path.Combine(_folder, "loose.png"), TestImages.Png(3, 3));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static Task<(int Exit, string Out, string Err)> Run(params string[] args) => CliRun.Run(CliRun.NoKey, args);

    [Fact]
    public async Task Classify_AsAProcess_Offline_PrintsPredictionScoreAndRunnerUpPerInput()
    {
        var (exit, stdout, stderr) = await CliRun.RunProcess(
            "classify", "--image", Path.Combine(_folder, "cat", "cat0.png"), "--text", "dog", "--label", "cat", "--label", "dog", "--label", "car");

        Assert.True(exit == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^input\s+prediction\s+score\s+runner-up", lines[0]);
        Assert.Contains("cat0.png", lines[1], StringComparison.Ordinal);
        Assert.Matches(@"^dog\s+dog\s+1\.0000\s+\w+ \(0\.0000\)", lines[2]); // the text "dog" is the label's own stand-in vector
        Assert.Matches(@"^jina-clip-v1: [\d,]+ tokens", lines[3]);
        Assert.Contains("offline: local emulator", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Classify_Json_WithGroups_GivesOnePredictionPerGroup()
    {
        var (exit, stdout, stderr) = await Run("classify", "--text", "red", "--text", "a tree", "--group", "colour=red,green", "--group", "thing=car,tree", "--json");

        Assert.True(exit == 0, stderr);
        var results = JsonDocument.Parse(stdout).RootElement.GetProperty("results").EnumerateArray().ToArray();
        Assert.Equal(2, results.Length);
        var first = results[0].GetProperty("predictions").EnumerateArray().ToArray();
        Assert.Equal(["colour", "thing"], first.Select(p => p.GetProperty("group").GetString()));
        Assert.Equal("red", first[0].GetProperty("label").GetString());
        Assert.Equal("red", results[0].GetProperty("input").GetString());
    }

    [Fact]
    public async Task Classify_Local_ScoresOnThisMachine_AndSaysSo()
    {
        var (exit, stdout, stderr) = await Run("classify", "--text", "green", "--label", "red", "--label", "green", "--local", "--template", "{label}");

        Assert.True(exit == 0, stderr);
        Assert.Matches(@"(?m)^green\s+green\s+1\.0000", stdout);
        Assert.Contains("scored locally (not the API's scores)", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "classify", "--label", "a", "--label", "b" }, "Give at least one input")]
    [InlineData(new[] { "classify", "--text", "x" }, "Give the labels")]
    [InlineData(new[] { "classify", "--text", "x", "--label", "a", "--label", "a" }, "Label 1 ('a') repeats label 0")]
    [InlineData(new[] { "classify", "--text", "x", "--group", "novalue" }, "--group 'novalue' is not name=label")]
    [InlineData(new[] { "classify", "--text", "x", "--label", "a", "--group", "g=a,b" }, "Use one of --label, --group or --classifier")]
    [InlineData(new[] { "classify", "--image", "https://example.com/a.png", "--label", "a", "--label", "b", "--model", "jina-embeddings-v3" }, "Input 0 is an image")]
    public async Task Classify_BadInput_ExitsOneWithOneLine(string[] args, string message)
    {
        var (exit, stdout, stderr) = await Run(args);

        Assert.Equal(1, exit);
        Assert.Empty(stdout);
        var error = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("error: ", StringComparison.Ordinal));
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClassifiersTrain_AFolderPerLabel_TrainsPrivately_AndReportsWhatItSkipped()
    {
        var (exit, stdout, stderr) = await Run("classifiers", "train", _folder);

        Assert.True(exit == 0, stderr);
        Assert.Matches(@"^classifier [0-9a-f-]{36}: 2 labels \(cat, dog\), 6 images, private", stdout);
        Assert.Contains("skipped loose.png: not in a label sub-folder", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClassifiersTrain_OneLabelFolder_ExitsOneWithOneLine()
    {
        Directory.Delete(Path.Combine(_folder, "dog"), recursive: true);

        var (exit, _, stderr) = await Run("classifiers", "train", _folder);

        Assert.Equal(1, exit);
        Assert.Contains("has 1 label sub-folder(s) with images; a classifier needs at least 2", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClassifiersListAndDelete_Offline_ListNothingAndReportTheMissingClassifier()
    {
        var (listExit, listOut, listErr) = await Run("classifiers", "list");
        var (deleteExit, _, deleteErr) = await Run("classifiers", "delete", "00000000-0000-4000-8000-000000000009");

        Assert.True(listExit == 0, listErr);
        Assert.Contains("0 classifier(s)", listOut, StringComparison.Ordinal);
        Assert.Equal(1, deleteExit);
        Assert.Contains("error: The local emulator answered 404", deleteErr, StringComparison.Ordinal);
    }
}
