using JinaClip.Tests.Images;
using JinaClip.Tests.Imaging;

namespace JinaClip.Tests.TestSupport;

/// <summary>
/// A folder of 30 images of which 5 are bad, as real folders are: a 0-byte file, a truncated JPEG, an HTML page named
/// <c>.jpg</c>, a PNG bomb (30000² pixels in a few bytes) and a PDF named <c>.jpg</c>. Deleted on dispose.
/// </summary>
internal sealed class MessyFolder : IDisposable
{
    /// <summary>The bad files, each with what its reason must say.</summary>
    public static readonly (string Name, string Reason)[] Bad =
    [
        ("bomb.png", "more than ImageDownscalingOptions.MaxPixels"),
        ("document.jpg", "is not an image the SDK recognises"),
        ("empty.jpg", "is empty, or not a regular file"),
        ("page.jpg", "is not an image the SDK recognises"),
        ("truncated.jpg", "is corrupt"),
    ];

    public MessyFolder()
    {
        Path = Directory.CreateTempSubdirectory("jinaclip-messy-").FullName;
        for (var i = 0; i < 25; i++)
        {
            File.WriteAllBytes(System.IO.Path.Combine(Path, $"photo{i:00}.jpg"), Photos.Jpeg(320 + i, 240));
        }

        File.WriteAllBytes(System.IO.Path.Combine(Path, "empty.jpg"), []);
        var whole = Photos.Jpeg(640, 480);
        File.WriteAllBytes(System.IO.Path.Combine(Path, "truncated.jpg"), whole[..(whole.Length / 2)]);
        File.WriteAllText(System.IO.Path.Combine(Path, "page.jpg"), "<!DOCTYPE html><html><body>Not an image</body></html>");
        File.WriteAllBytes(System.IO.Path.Combine(Path, "bomb.png"), TestImages.Png(30000, 30000));
        File.WriteAllText(System.IO.Path.Combine(Path, "document.jpg"), "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n");
    }

    public string Path { get; }

    /// <summary>The 25 good images' names, in order.</summary>
    public static IEnumerable<string> Good => Enumerable.Range(0, 25).Select(i => $"photo{i:00}.jpg");

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
