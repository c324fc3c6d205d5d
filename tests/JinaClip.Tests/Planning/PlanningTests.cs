using JinaClip.Testing;
using JinaClip.Tests.Images;
using JinaClip.Tests.TestSupport;

namespace JinaClip.Tests.Planning;

/// <summary>The planning stage: everything that can be checked up front is checked before the first request of a call.</summary>
public sealed class PlanningTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("jinaclip-plan-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task EmbedAsync_EmptyInputList_ThrowsBeforeSending()
    {
        using var mock = new JinaMock();
        using var client = mock.CreateClient();

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.EmbedAsync(Array.Empty<EmbeddingInput>(), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("empty", ex.Message, StringComparison.Ordinal);
        Assert.Empty(mock.Requests);
    }

    [Fact]
    public async Task EmbedAsync_NullItem_ThrowsNamingItsPosition()
    {
        using var mock = new JinaMock();
        using var client = mock.CreateClient();

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.EmbedAsync(["a", null!], cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("Input 1 is null", ex.Message, StringComparison.Ordinal);
        Assert.Empty(mock.Requests);
    }

    [Fact]
    public async Task EmbedAsync_FileOver8MiB_ThrowsBeforeSending()
    {
        using var mock = new JinaMock();
        using var client = mock.CreateClient();
        using var file = new TempFile(new byte[EmbeddingInput.MaxImageBytes + 1]);

        var ex = await Assert.ThrowsAsync<ArgumentException>(() =>
            client.EmbedAsync([EmbeddingInput.FromImageFile(file.Path)], cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("8 MiB", ex.Message, StringComparison.Ordinal);
        Assert.Empty(mock.Requests);
    }

    [Fact]
    public async Task EmbedAsync_StreamOver8MiB_ThrowsBeforeSending()
    {
        using var mock = new JinaMock();
        using var client = mock.CreateClient();
        using var stream = new MemoryStream(new byte[EmbeddingInput.MaxImageBytes + 10]);

        var ex = await Assert.ThrowsAsync<ArgumentException>(() =>
            client.EmbedAsync([EmbeddingInput.FromImageStream(stream)], cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("Input 0: the remaining contents of the image stream are 8,388,618 bytes", ex.Message, StringComparison.Ordinal);
        Assert.Empty(mock.Requests);
    }

    private static List<EmbeddingInput> Texts(int count) =>
        Enumerable.Range(0, count).Select(i => EmbeddingInput.FromText($"text {i}")).ToList();

    [Fact]
    public async Task EmbedAsync_1200InputsInBatchesOf500_MissingImageAtTheEnd_SendsNothing()
    {
        await using var server = await JinaEmulatorServer.StartAsync(cancellationToken: Ct);
        using var client = new JinaEmbeddingClient(new JinaClientOptions { ApiKey = "jina_plan", Endpoint = server.BaseAddress, MaxBatchSize = 500 });
        var inputs = Texts(1199);
        inputs.Add(EmbeddingInput.FromImageFile(Path.Combine(_dir, "missing.png")));

        var ex = await Assert.ThrowsAsync<FileNotFoundException>(() => client.EmbedAsync(inputs, cancellationToken: Ct));

        Assert.StartsWith("Input 1199: the image file", ex.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_dir, "missing.png"), ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, server.Emulator.RequestCount);
    }

    [Fact]
    public async Task EmbedAsync_DirectoryGivenAsImageFile_SaysItIsADirectory_SendsNothing()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateClient(o => o.MaxBatchSize = 500);
        var inputs = Texts(1199);
        inputs.Add(EmbeddingInput.FromImageFile(_dir));

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.EmbedAsync(inputs, cancellationToken: Ct));

        Assert.StartsWith($"Input 1199: '{_dir}' is a directory, not an image file.", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, emulator.RequestCount);
    }

    [Fact]
    public async Task EmbedAsync_EmptyImageFile_SendsNothing()
    {
        var path = Path.Combine(_dir, "empty.png");
        await File.WriteAllBytesAsync(path, [], Ct);
        var emulator = new JinaEmulator();
        using var client = emulator.CreateClient(o => o.MaxBatchSize = 500);
        var inputs = Texts(1199);
        inputs.Add(EmbeddingInput.FromImageFile(path));

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.EmbedAsync(inputs, cancellationToken: Ct));

        Assert.StartsWith($"Input 1199: the image file '{path}' is empty, or not a regular file (a FIFO, device or socket); it was not opened.", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, emulator.RequestCount);
    }

    [Fact]
    public async Task EmbedAsync_UnreadableStream_SendsNothing()
    {
        var stream = new MemoryStream(TestImages.Png(2, 2));
        var input = EmbeddingInput.FromImageStream(stream);
        await stream.DisposeAsync();
        var emulator = new JinaEmulator();
        using var client = emulator.CreateClient(o => o.MaxBatchSize = 500);
        var inputs = Texts(1199);
        inputs.Add(input);

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.EmbedAsync(inputs, cancellationToken: Ct));

        Assert.StartsWith("Input 1199: the image stream is not readable", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, emulator.RequestCount);
    }

    [Fact]
    public async Task EmbedAsync_ImageForATextOnlyModelLateInTheCall_NamesItsPositionInTheCall_SendsNothing()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateClient(o => { o.MaxBatchSize = 500; o.DefaultModel = JinaModels.EmbeddingsV3; });
        var inputs = Texts(1199);
        inputs.Add(EmbeddingInput.FromImageUrl("https://example.com/cat.png"));

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.EmbedAsync(inputs, cancellationToken: Ct));

        Assert.StartsWith("Input 1199 is an image, but the model 'jina-embeddings-v3' embeds text only", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, emulator.RequestCount);
    }

    [Fact]
    public async Task EmbedAsync_ValidCall_IsCutByTheSameRuleAsBefore()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateClient(o => o.MaxBatchSize = 500);

        var result = await client.EmbedAsync(Texts(1200), cancellationToken: Ct);

        Assert.Equal(1200, result.Count);
        Assert.Equal(Enumerable.Range(0, 1200), result.Select(e => e.Index));
        Assert.Equal([500, 500, 200], emulator.Requests.Select(r => System.Text.Json.JsonDocument.Parse(r.Body).RootElement.GetProperty("input").GetArrayLength()));
    }

    [Fact]
    public async Task EmbedStreamAsync_BadInputInTheSecondBatch_SendsOnlyTheFirstBatch()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateClient(o => { o.MaxBatchSize = 2; o.MaxConcurrency = 1; });
        var missing = Path.Combine(_dir, "missing.png");

        var ex = await Assert.ThrowsAsync<FileNotFoundException>(async () =>
        {
            await foreach (var _ in client.EmbedStreamAsync(Source(), cancellationToken: Ct))
            {
            }
        });

        Assert.StartsWith("Input 3: the image file", ex.Message, StringComparison.Ordinal);
        var sent = Assert.Single(emulator.Requests);
        Assert.Contains("\"text\":\"a\"", sent.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("\"text\":\"c\"", sent.Body, StringComparison.Ordinal);

        async IAsyncEnumerable<EmbeddingInput> Source()
        {
            yield return "a";
            yield return "b";
            yield return "c";
            await Task.Yield();
            yield return EmbeddingInput.FromImageFile(missing);
        }
    }
}
