using System.Text.Json;
using JinaClip.Testing;
using JinaClip.Tests.Images;

namespace JinaClip.Tests.Embed;

/// <summary>
/// <see cref="EmbeddingOptions.SkipBadInputs"/>: a bad input is left out and reported with its position and reason, the
/// good ones are embedded in order, and an input the API rejects is isolated from its batch within the bound.
/// </summary>
public sealed class SkipBadInputsTests : IDisposable
{
    private static readonly EmbeddingOptions Skip = new() { SkipBadInputs = true };
    private readonly string _folder = Directory.CreateTempSubdirectory("jinaclip-skip-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task EmbedAsync_SkipBadInputs_BadFilesAreReported_AndOnlyTheGoodOnesAreSent_InOrder()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateClient();
        EmbeddingInput[] inputs =
        [
            EmbeddingInput.FromImageFile(File("good.png", TestImages.Png(64, 48))),
            EmbeddingInput.FromImageFile(Path.Combine(_folder, "missing.jpg")),
            EmbeddingInput.FromImageFile(File("empty.jpg", [])),
            EmbeddingInput.FromImageFile(File("page.jpg", "<html><body>not an image</body></html>"u8.ToArray())),
            EmbeddingInput.FromText("a red dog"),
        ];

        var result = await client.EmbedAsync(inputs, Skip, Ct);

        Assert.Equal([0, 4], result.Select(e => e.Index));
        Assert.Equal([1, 2, 3], result.Failures.Select(f => f.Index));
        Assert.All(result.Failures, f => Assert.False(f.RejectedByServer));
        Assert.IsType<FileNotFoundException>(result.Failures[0].Exception);
        Assert.Contains("is empty, or not a regular file", result.Failures[1].Reason, StringComparison.Ordinal);
        Assert.Contains("is not an image the SDK recognises", result.Failures[2].Reason, StringComparison.Ordinal);
        Assert.StartsWith("Input 3: ", result.Failures[2].ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", result.Failures[2].Reason, StringComparison.Ordinal);

        // One request, holding exactly the two good inputs.
        var sent = JsonDocument.Parse(Assert.Single(emulator.Requests).Body).RootElement.GetProperty("input");
        Assert.Equal(2, sent.GetArrayLength());
        Assert.StartsWith("iVBORw0KGgo", sent[0].GetProperty("image").GetString(), StringComparison.Ordinal);
        Assert.Equal("a red dog", sent[1].GetProperty("text").GetString());

        // The vectors are those of the good inputs, as if they had been sent alone.
        using var reference = new JinaEmulator().CreateClient();
        var alone = await reference.EmbedAsync([inputs[0], inputs[4]], cancellationToken: Ct);
        Assert.Equal(alone[1].GetVector().ToArray(), result[1].GetVector().ToArray());
        Assert.Equal(alone.Usage.TotalTokens, result.Usage.TotalTokens);
    }

    [Fact]
    public async Task EmbedAsync_ByDefault_ABadInputStillFailsTheCall_BeforeAnythingIsSent()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateClient();

        await Assert.ThrowsAsync<FileNotFoundException>(() => client.EmbedAsync(["a text", EmbeddingInput.FromImageFile(Path.Combine(_folder, "missing.jpg"))], cancellationToken: Ct));

        Assert.Equal(0, emulator.RequestCount);
    }

    [Fact]
    public async Task EmbedAsync_SkipBadInputs_EveryInputBad_IsAnEmptyResult_AndNothingIsSent()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateClient();

        var result = await client.EmbedAsync([EmbeddingInput.FromImageFile(Path.Combine(_folder, "a.jpg")), EmbeddingInput.FromImageFile(Path.Combine(_folder, "b.jpg"))], Skip, Ct);

        Assert.Empty(result);
        Assert.Equal([0, 1], result.Failures.Select(f => f.Index));
        Assert.Equal(0, emulator.RequestCount);
        Assert.Equal(0, result.Usage.TotalTokens ?? 0);
    }

    [Fact]
    public async Task EmbedAsync_ABatchOf512_WithOneInputTheApiRejectsByName_Completes511_InTwoRequests()
    {
        var emulator = new JinaEmulator();
        emulator.Faults.RejectInputsContaining("poison");
        using var client = emulator.CreateClient(o => o.MaxBatchSize = 512);
        var texts = Enumerable.Range(0, 512).Select(i => i == 300 ? "poison pill" : $"text number {i}").ToArray();

        var result = await client.EmbedAsync(texts, Skip, Ct);

        Assert.Equal(Enumerable.Range(0, 512).Where(i => i != 300), result.Select(e => e.Index));
        var failure = Assert.Single(result.Failures);
        Assert.Equal(300, failure.Index);
        Assert.True(failure.RejectedByServer);
        Assert.Equal(422, (int)Assert.IsType<JinaApiException>(failure.Exception).StatusCode);
        Assert.Equal(2, emulator.RequestCount); // the rejected request, then the 511 without it
        await AssertTokensAreThoseOfTheGoodInputsAsync(texts, result);
    }

    [Theory]
    [InlineData(137, 11)] // 9 halvings, and one request for the halves that waited
    [InlineData(0, 11)]   // every half sent fails: the 511 good inputs all wait for the last request
    [InlineData(511, 10)] // every half sent succeeds: the last suspect is the bad one, known without sending it again
    public async Task EmbedAsync_ABatchOf512_WithOneInputTheApiRejectsWithoutNamingIt_IsFoundByHalving_WithinTheBound(int bad, int requests)
    {
        var emulator = new JinaEmulator();
        emulator.Faults.RejectInputsContaining("poison", nameTheInput: false);
        using var client = emulator.CreateClient(o => o.MaxBatchSize = 512);
        var texts = Enumerable.Range(0, 512).Select(i => i == bad ? "poison pill" : $"text number {i}").ToArray();

        var result = await client.EmbedAsync(texts, Skip, Ct);

        Assert.Equal(Enumerable.Range(0, 512).Where(i => i != bad), result.Select(e => e.Index));
        Assert.Equal(bad, Assert.Single(result.Failures).Index);

        // The first request, then at most ⌈log2 512⌉ + 1 = 10 more.
        Assert.Equal(requests, emulator.RequestCount);
        Assert.InRange(emulator.RequestCount - 1, 1, 9 + 1);
        var bodies = emulator.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("input").EnumerateArray().Select(i => i.GetProperty("text").GetString()!).ToArray()).ToArray();
        var succeeded = bodies.Where(b => !b.Contains("poison pill")).SelectMany(b => b).ToArray();
        Assert.Equal(511, succeeded.Length); // no input that succeeded was sent twice
        Assert.Equal(succeeded.Length, succeeded.Distinct(StringComparer.Ordinal).Count());
        await AssertTokensAreThoseOfTheGoodInputsAsync(texts, result);
    }

    [Fact]
    public async Task EmbedAsync_TwoUnnamedBadInputsInABatch_AreBothFound_AndEveryGoodInputIsEmbeddedOnce()
    {
        var emulator = new JinaEmulator();
        emulator.Faults.RejectInputsContaining("poison", nameTheInput: false);
        using var client = emulator.CreateClient(o => o.MaxBatchSize = 64);
        var texts = Enumerable.Range(0, 64).Select(i => i is 5 or 40 ? $"poison {i}" : $"text number {i}").ToArray();

        var result = await client.EmbedAsync(texts, Skip, Ct);

        Assert.Equal([5, 40], result.Failures.Select(f => f.Index));
        Assert.Equal(62, result.Count);
        var succeeded = emulator.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("input").EnumerateArray().Select(i => i.GetProperty("text").GetString()!).ToArray())
            .Where(b => !b.Any(t => t.StartsWith("poison", StringComparison.Ordinal))).SelectMany(b => b).ToArray();
        Assert.Equal(62, succeeded.Length);
        Assert.Equal(62, succeeded.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task EmbedStreamAsync_SkipBadInputs_YieldsTheGoodInputsInOrder_AndReportsTheBadOnes()
    {
        var emulator = new JinaEmulator();
        emulator.Faults.RejectInputsContaining("poison");
        using var client = emulator.CreateClient(o => o.MaxBatchSize = 4);
        var inputs = new List<EmbeddingInput>();
        for (var i = 0; i < 10; i++)
        {
            inputs.Add(i switch
            {
                2 => EmbeddingInput.FromImageFile(Path.Combine(_folder, "missing.jpg")),
                9 => EmbeddingInput.FromImageFile(File("empty.png", [])),
                6 => EmbeddingInput.FromText("poison"),
                _ => EmbeddingInput.FromText($"text {i}"),
            });
        }

        var reports = new List<EmbeddingProgress>();
        var indices = new List<int>();
        await foreach (var e in client.EmbedStreamAsync(inputs.ToAsyncEnumerable(), Skip, new SyncProgress(reports.Add), Ct))
        {
            indices.Add(e.Index);
        }

        Assert.Equal([0, 1, 3, 4, 5, 7, 8], indices);
        var last = reports[^1];
        Assert.Equal([2, 6, 9], last.Failures.Select(f => f.Index).Order());
        Assert.True(last.Failures.Single(f => f.Index == 6).RejectedByServer);
        Assert.Equal(7, last.InputsCompleted);
    }

    private static async Task AssertTokensAreThoseOfTheGoodInputsAsync(string[] texts, JinaEmbeddingCollection result)
    {
        using var reference = new JinaEmulator().CreateClient(o => o.MaxBatchSize = 512);
        var good = await reference.EmbedAsync(result.Select(e => texts[e.Index]), cancellationToken: Ct);
        Assert.Equal(good.Usage.TotalTokens, result.Usage.TotalTokens);
    }

    private string File(string name, byte[] bytes)
    {
        var path = Path.Combine(_folder, name);
        System.IO.File.WriteAllBytes(path, bytes);
        return path;
    }

    private sealed class SyncProgress(Action<EmbeddingProgress> report) : IProgress<EmbeddingProgress>
    {
        public void Report(EmbeddingProgress value) => report(value);
    }
}
