using JinaClip;
using JinaClip.Testing;
using JinaClip.Tests.TestSupport;

namespace JinaClip.Tests.Docs.Snippets;

// The regions are the README's code verbatim, which shows user code without test cancellation tokens.
#pragma warning disable xUnit1051

/// <summary>README "Messy folders: skip and report", run on the emulator over a folder of 30 files with 5 bad ones.</summary>
public sealed class BulkSnippets
{
    [Fact]
    public async Task SkipAndReport_IndexesTheGoodImages_AndNamesTheBadOnes()
    {
        using var messy = new MessyFolder();
        var emulator = new JinaEmulator();
        using var client = emulator.CreateClient();
        var index = new VectorIndex(768);
        var lines = new List<string>();
        var folder = messy.Path;

        #region skipAndReport
        var scan = ImageFolder.Scan(folder);   // regular files only, no linked folders, each file once
        var result = await client.EmbedAsync(
            scan.Images.Select(image => EmbeddingInput.FromImageFile(image.Path)),
            new EmbeddingOptions { SkipBadInputs = true });
        foreach (var embedding in result)
        {
            index.Add(scan.Images[embedding.Index].Name, embedding);   // Index: the input's position in the call
        }

        foreach (var failure in result.Failures)
        {
            lines.Add($"skipped {scan.Images[failure.Index].Name}: {failure.Reason}");
        }

        foreach (var skipped in scan.Skipped)
        {
            lines.Add($"skipped {skipped.Name}: {skipped.Reason}");   // e.g. "empty.jpg: is empty, or not a regular file …"
        }
        #endregion

        // Without a downscaler, the bomb and the truncated JPEG go up as they are (the emulator takes them); the empty
        // file is skipped by the scan, the HTML page and the PDF by the client's format check.
        Assert.Equal(27, index.Count);
        Assert.Equal(["document.jpg", "page.jpg"], result.Failures.Select(f => scan.Images[f.Index].Name));
        Assert.Equal("empty.jpg", Assert.Single(scan.Skipped).Name);
        Assert.Equal(3, lines.Count);
        Assert.Single(emulator.Requests);
    }
}
