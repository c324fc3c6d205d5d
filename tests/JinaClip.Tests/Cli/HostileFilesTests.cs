using System.Diagnostics;
using System.Text.Json;
using JinaClip.Tests.Files;
using JinaClip.Tests.TestSupport;

namespace JinaClip.Tests.Cli;

/// <summary>
/// The <c>jinaclip</c> tool, run as a process, on files and folders an attacker (or a messy disk) hands it: endless and
/// newline-free files, FIFOs, link loops. Each finishes within seconds with a one-line answer.
/// </summary>
public sealed class HostileFilesTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"jinaclip-hostile-{Guid.NewGuid():N}");

    public HostileFilesTests() => Directory.CreateDirectory(_folder);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task EmbedFromFile_DevZero_IsRefusedInOneLine_WithoutReadingIt()
    {
        var (exit, stdout, stderr) = await RunWithin("embed", "--from-file", "/dev/zero");

        Assert.Equal(1, exit);
        Assert.Equal("", stdout);
        Assert.Equal("error: --from-file '/dev/zero' is empty, or not a regular file (a FIFO, device or socket); give a text file.\n", stderr);
    }

    [Fact]
    public async Task EmbedFromFile_ATwoGigabyteFileWithoutANewline_StopsAtTheLineCap()
    {
        var path = Path.Combine(_folder, "sparse.txt");
        await using (var file = File.Create(path))
        {
            file.SetLength(2L * 1024 * 1024 * 1024); // sparse: 2 GB of NUL characters, no newline, no disk used
        }

        var (exit, _, stderr) = await RunWithin("embed", "--from-file", path);

        Assert.Equal(1, exit);
        Assert.Equal($"error: --from-file '{path}': line 1 is longer than 1,048,576 characters (--max-line-length); is it a text file?\n", stderr);
    }

    [Fact]
    public async Task EmbedFromFile_ALineOverAChosenCap_NamesTheLine()
    {
        var path = Path.Combine(_folder, "texts.txt");
        await File.WriteAllTextAsync(path, "short\nshort too\n" + new string('x', 101) + "\n", Ct);

        var (exit, _, stderr) = await CliRun.Run(CliRun.NoKey, "embed", "--from-file", path, "--max-line-length", "100");

        Assert.Equal(1, exit);
        Assert.Equal($"error: --from-file '{path}': line 3 is longer than 100 characters (--max-line-length); is it a text file?\n", stderr);
    }

    [Fact]
    public async Task EmbedFromFile_AFifo_IsRefusedWithoutWaitingForAWriter()
    {
        var fifo = Path.Combine(_folder, "texts.txt");
        ImageFolderTests.MakeFifo(fifo);

        var (exit, _, stderr) = await RunWithin("embed", "--from-file", fifo);

        Assert.Equal(1, exit);
        Assert.Contains("is empty, or not a regular file (a FIFO, device or socket)", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_AFolderWithLinkLoopsAndAFifo_IndexesEachImageOnce_AndReportsWhatItSkipped()
    {
        var photos = Path.Combine(_folder, "photos");
        Directory.CreateDirectory(Path.Combine(photos, "sub"));
        await File.WriteAllBytesAsync(Path.Combine(photos, "one.jpg"), [0xFF, 0xD8, 0xFF, 0xE0, 1], Ct);
        await File.WriteAllBytesAsync(Path.Combine(photos, "sub", "two.png"), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 2], Ct);
        Directory.CreateSymbolicLink(Path.Combine(photos, "sub", "up"), "..");
        Directory.CreateSymbolicLink(Path.Combine(photos, "a"), ".");
        Directory.CreateSymbolicLink(Path.Combine(photos, "b"), ".");
        ImageFolderTests.MakeFifo(Path.Combine(photos, "x.jpg"));

        var (exit, stdout, stderr) = await RunWithin("search", "--downscale", "off", "--images", photos, "--query", "a dog", "--top", "50", "--json");

        Assert.True(exit == 3, stderr); // finished, with skipped entries
        var ids = JsonDocument.Parse(stdout).RootElement.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("id").GetString());
        Assert.Equal(["one.jpg", "sub/two.png"], ids.Order(StringComparer.Ordinal));
        Assert.Contains("skipped x.jpg: is empty, or not a regular file (a FIFO, device or socket)\n", stderr, StringComparison.Ordinal);
        Assert.Contains("skipped sub/up: is a link to a folder (linked folders are not followed)\n", stderr, StringComparison.Ordinal);
        Assert.Contains("2 indexed, 4 skipped (listed above)\n", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_AFolderOf30With5BadImages_Indexes25_ListsThe5WithReasons_AndExits3()
    {
        using var folder = new MessyFolder();

        var (exit, stdout, stderr) = await RunWithin("search", "--images", folder.Path, "--query", "a red dog", "--top", "50", "--json");

        Assert.True(exit == 3, stderr);
        var ids = JsonDocument.Parse(stdout).RootElement.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("id").GetString());
        Assert.Equal(MessyFolder.Good, ids.Order(StringComparer.Ordinal));
        var skipped = stderr.Split('\n').Where(l => l.StartsWith("skipped ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(5, skipped.Length);
        foreach (var (name, reason) in MessyFolder.Bad)
        {
            Assert.Contains(skipped, l => l.StartsWith($"skipped {name}: ", StringComparison.Ordinal) && l.Contains(reason, StringComparison.Ordinal));
        }

        Assert.Contains("25 indexed, 5 skipped (listed above)\n", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("AllowUnrecognizedImageFormats", stderr, StringComparison.Ordinal); // a library option a tool user cannot set
    }

    [Fact]
    public async Task EmbedFromFile_StderrRedirectedToALog_HoldsOneProgressLine_NoCarriageReturnFrames()
    {
        var path = Path.Combine(_folder, "texts.txt");
        await File.WriteAllLinesAsync(path, Enumerable.Range(0, 150).Select(i => $"line {i}"), Ct);

        var (exit, _, stderr) = await RunWithin("embed", "--from-file", path);

        Assert.Equal(0, exit);
        Assert.DoesNotContain('\r', stderr);
        Assert.Contains("\n[##############################] 100% 150/150 inputs, 450 tokens, 0 retries\n", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Embed_DimensionsOutOfRange_SaysTheValueOnce()
    {
        var (exit, _, stderr) = await CliRun.Run(CliRun.NoKey, "embed", "--text", "a", "--model", "jina-embeddings-v3", "--dimensions", "5000");

        Assert.Equal(1, exit);
        Assert.EndsWith("error: The model 'jina-embeddings-v3' accepts dimensions from 1 to 1024; 5000 is out of range.\n", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Embed_AnEmptyText_NamesTheOption()
    {
        var (exit, _, stderr) = await CliRun.Run(CliRun.NoKey, "embed", "--text", "a", "--text", " ");

        Assert.Equal(1, exit);
        Assert.EndsWith("error: --text number 2 is empty; give the text to embed (the API refuses empty text).\n", stderr, StringComparison.Ordinal);
    }

    /// <summary>Runs the tool as a process; one that has not finished in 60 seconds has hung (it is killed, and the test fails).</summary>
    private static async Task<(int Exit, string Out, string Err)> RunWithin(params string[] args)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        var clock = Stopwatch.StartNew();
        var result = await CliRun.RunProcess(timeout.Token, args);
        Assert.False(timeout.IsCancellationRequested, $"still running after {clock.Elapsed}");
        return result;
    }
}
