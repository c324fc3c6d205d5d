using System.Diagnostics;

namespace JinaClip.Tests.Files;

/// <summary><see cref="ImageFolder.Scan"/> on hostile and messy folders: link loops, FIFOs, links out, duplicates, a cap.</summary>
public sealed class ImageFolderTests : IDisposable
{
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3];
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"jinaclip-folder-{Guid.NewGuid():N}");
    private readonly string _folder;

    public ImageFolderTests()
    {
        _folder = Path.Combine(_root, "photos");
        Directory.CreateDirectory(Path.Combine(_folder, "sub"));
        File.WriteAllBytes(Path.Combine(_folder, "a.jpg"), Jpeg);
        File.WriteAllBytes(Path.Combine(_folder, "sub", "b.PNG"), Jpeg);
        File.WriteAllText(Path.Combine(_folder, "notes.txt"), "not an image");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Scan_AFolder_TakesItsImagesInNameOrder_AndPassesOverOtherFiles()
    {
        var scan = ImageFolder.Scan(_folder);

        Assert.Equal(["a.jpg", "sub/b.PNG"], scan.Images.Select(i => i.Name));
        Assert.Equal(Path.Combine(_folder, "sub", "b.PNG"), scan.Images[1].Path);
        Assert.Equal(Path.GetFullPath(_folder), scan.Folder);
        Assert.Empty(scan.Skipped);
    }

    [Fact]
    public void Scan_ALinkUpToTheParent_TakesEachImageOnce_AndReportsTheLink()
    {
        Directory.CreateSymbolicLink(Path.Combine(_folder, "sub", "up"), "..");

        var scan = ImageFolder.Scan(_folder);

        Assert.Equal(["a.jpg", "sub/b.PNG"], scan.Images.Select(i => i.Name));
        Assert.Equal("sub/up is a link to a folder (linked folders are not followed)", Assert.Single(scan.Skipped).ToString());
    }

    [Fact]
    public void Scan_TwoLinksToTheFolderItself_Finishes_TakingEachImageOnce()
    {
        Directory.CreateSymbolicLink(Path.Combine(_folder, "x"), ".");
        Directory.CreateSymbolicLink(Path.Combine(_folder, "y"), _folder);

        var scan = ImageFolder.Scan(_folder);

        Assert.Equal(["a.jpg", "sub/b.PNG"], scan.Images.Select(i => i.Name));
        Assert.Equal(["x", "y"], scan.Skipped.Select(s => s.Name));
    }

    [Fact]
    public async Task Scan_AFifoNamedJpg_IsSkippedWithoutBeingOpened()
    {
        MakeFifo(Path.Combine(_folder, "x.jpg"));

        // Opening a FIFO for reading waits for a writer: a scan that opened it would never return.
        var scan = await Task.Run(() => ImageFolder.Scan(_folder), TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal(["a.jpg", "sub/b.PNG"], scan.Images.Select(i => i.Name));
        Assert.Equal("x.jpg is empty, or not a regular file (a FIFO, device or socket)", Assert.Single(scan.Skipped).ToString());
    }

#if !JINACLIP_NETSTANDARD_BUILD // linked files are resolved on .NET only; the netstandard2.0 build skips them all (the test below)
    [Fact]
    public void Scan_ALinkToADevice_AndAnEmptyFile_AreSkipped()
    {
        File.CreateSymbolicLink(Path.Combine(_folder, "zero.jpg"), "/dev/zero");
        File.WriteAllBytes(Path.Combine(_folder, "empty.png"), []);

        var scan = ImageFolder.Scan(_folder);

        Assert.Equal(["empty.png", "zero.jpg"], scan.Skipped.Select(s => s.Name));
        Assert.Equal("is a link to a file outside the folder (/dev/zero)", scan.Skipped[1].Reason);
        Assert.Equal("is empty, or not a regular file (a FIFO, device or socket)", scan.Skipped[0].Reason);
    }

    [Fact]
    public void Scan_ALinkToAFileOutsideTheFolder_IsSkipped_EvenThroughALinkedFolderInside()
    {
        var outside = Path.Combine(_root, "private");
        Directory.CreateDirectory(outside);
        File.WriteAllBytes(Path.Combine(outside, "secret.jpg"), Jpeg);
        File.CreateSymbolicLink(Path.Combine(_folder, "passwd.jpg"), "/etc/passwd");
        Directory.CreateSymbolicLink(Path.Combine(_folder, "door"), outside);
        File.CreateSymbolicLink(Path.Combine(_folder, "sneaky.jpg"), "door/secret.jpg");

        var scan = ImageFolder.Scan(_folder);

        Assert.Equal(["a.jpg", "sub/b.PNG"], scan.Images.Select(i => i.Name));
        Assert.Equal(
            ["door is a link to a folder (linked folders are not followed)",
             "passwd.jpg is a link to a file outside the folder (/etc/passwd)",
             $"sneaky.jpg is a link to a file outside the folder ({Path.Combine(outside, "secret.jpg")})"],
            scan.Skipped.Select(s => s.ToString()));
    }

    [Fact]
    public void Scan_ALinkToAnImageInside_IsTheSameFile_TakenOnce()
    {
        File.CreateSymbolicLink(Path.Combine(_folder, "z-again.jpg"), "a.jpg");
        File.CreateSymbolicLink(Path.Combine(_folder, "sub", "c.jpg"), "../a.jpg");

        var scan = ImageFolder.Scan(_folder);

        Assert.Equal(["a.jpg", "sub/b.PNG"], scan.Images.Select(i => i.Name));
        Assert.Equal(["sub/c.jpg is the same file as 'a.jpg'", "z-again.jpg is the same file as 'a.jpg'"], scan.Skipped.Select(s => s.ToString()));
    }

    [Fact]
    public void Scan_ALoopOfFileLinks_AndABrokenLink_AreSkipped()
    {
        File.CreateSymbolicLink(Path.Combine(_folder, "p.jpg"), "q.jpg");
        File.CreateSymbolicLink(Path.Combine(_folder, "q.jpg"), "p.jpg");
        File.CreateSymbolicLink(Path.Combine(_folder, "gone.jpg"), "nowhere.jpg");

        var scan = ImageFolder.Scan(_folder);

        Assert.Equal(["a.jpg", "sub/b.PNG"], scan.Images.Select(i => i.Name));
        Assert.All(scan.Skipped, s => Assert.Equal("is a link that leads nowhere (or to a folder)", s.Reason));
        Assert.Equal(["gone.jpg", "p.jpg", "q.jpg"], scan.Skipped.Select(s => s.Name));
    }

#else
    [Fact]
    public void Scan_ALinkedFile_IsSkipped_OnTheNetStandardBuild()
    {
        File.CreateSymbolicLink(Path.Combine(_folder, "z-again.jpg"), "a.jpg");

        var scan = ImageFolder.Scan(_folder);

        Assert.Equal(["a.jpg", "sub/b.PNG"], scan.Images.Select(i => i.Name));
        Assert.Equal("z-again.jpg is a link to a file (linked files are not followed on .NET Framework)", Assert.Single(scan.Skipped).ToString());
    }

#endif
    [Fact]
    public void Scan_TheFolderThroughALink_TakesItsImages()
    {
        var link = Path.Combine(_root, "link-to-photos");
        Directory.CreateSymbolicLink(link, _folder);

        var scan = ImageFolder.Scan(link);

        Assert.Equal(["a.jpg", "sub/b.PNG"], scan.Images.Select(i => i.Name));
    }

    [Fact]
    public void Scan_MoreImagesThanTheCap_IsRefused_NotCutShort()
    {
        var ex = Assert.Throws<ArgumentException>(() => ImageFolder.Scan(_folder, new ImageFolderOptions { MaxFiles = 1 }));

        Assert.StartsWith($"'{_folder}' holds more than 1 image files (ImageFolderOptions.MaxFiles)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scan_NotRecursive_StaysInTheFolder()
    {
        var scan = ImageFolder.Scan(_folder, new ImageFolderOptions { Recursive = false });

        Assert.Equal(["a.jpg"], scan.Images.Select(i => i.Name));
    }

    [Fact]
    public void Scan_AMissingFolder_IsDirectoryNotFound() =>
        Assert.Throws<DirectoryNotFoundException>(() => ImageFolder.Scan(Path.Combine(_root, "missing")));

    [Fact]
    public async Task ReadFileAsync_AFifo_IsRefusedWithoutBeingOpened()
    {
        var fifo = Path.Combine(_folder, "x.jpg");
        MakeFifo(fifo);

        var ex = await Assert.ThrowsAsync<JinaImageHeaderException>(
            () => ImageHeaderReader.ReadFileAsync(fifo, TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));

        Assert.Equal($"'{fifo}' is empty, or not a regular file (a FIFO, device or socket); it was not opened", ex.Message);
    }

    internal static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start("mkfifo", [path])!;
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }
}
