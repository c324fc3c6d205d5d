using System.Text;
using JinaClip.Testing;
using JinaClip.Tests.Images;
using JinaClip.Tests.TestSupport;

namespace JinaClip.Tests.Planning;

/// <summary>Image data that is not an image (a text file, a saved HTML error page) is refused before it is sent.</summary>
public sealed class ImageSniffingTests : IDisposable
{
    private static readonly byte[] Html = Encoding.ASCII.GetBytes("<!DOCTYPE html><html><body>502 Bad Gateway</body></html>");
    private const string HtmlStart = "its data starts 3C 21 44 4F 43 54 59 50 45 20 68 74 6D 6C 3E 3C (\"<!DOCTYPE html><\")";

    private readonly string _dir = Directory.CreateTempSubdirectory("jinaclip-sniff-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static List<EmbeddingInput> Texts(int count) =>
        Enumerable.Range(0, count).Select(i => EmbeddingInput.FromText($"text {i}")).ToList();

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public async Task EmbedAsync_HtmlSavedAsJpgAtInput1200_SendsNothing_NamesThePositionAndTheLeadingBytes()
    {
        var path = Write("photo.jpg", Html);
        var emulator = new JinaEmulator();
        using var client = emulator.CreateClient(o => o.MaxBatchSize = 500);
        var inputs = Texts(1200);
        inputs.Add(EmbeddingInput.FromImageFile(path));

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.EmbedAsync(inputs, cancellationToken: Ct));

        Assert.Equal(
            $"Input 1200 (the image file '{path}') is not an image the SDK recognises: {HtmlStart}. PNG, JPEG, GIF, WebP, BMP, TIFF, AVIF and HEIC are recognised; to send another format, set JinaClientOptions.AllowUnrecognizedImageFormats to true. (Parameter 'inputs')",
            ex.Message);
        Assert.Equal("inputs", ex.ParamName);
        Assert.Equal(0, emulator.RequestCount);
    }

    [Fact]
    public async Task EmbedAsync_TextBytesAsImage_SendsNothing()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateClient();

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.EmbedAsync(
            ["a caption", EmbeddingInput.FromImageBytes(Encoding.UTF8.GetBytes("just some notes\n"))], cancellationToken: Ct));

        Assert.StartsWith(
            "Input 1 (the image bytes) is not an image the SDK recognises: its data starts 6A 75 73 74 20 73 6F 6D 65 20 6E 6F 74 65 73 0A (\"just some notes.\").",
            ex.Message,
            StringComparison.Ordinal);
        Assert.Equal(0, emulator.RequestCount);
    }

    [Fact]
    public async Task EmbedAsync_SeekableStreamOfHtml_SendsNothing()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateClient(o => o.MaxBatchSize = 1);
        using var stream = new MemoryStream(Html);

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.EmbedAsync(
            ["first", "second", EmbeddingInput.FromImageStream(stream)], cancellationToken: Ct));

        Assert.StartsWith($"Input 2 (the image stream) is not an image the SDK recognises: {HtmlStart}.", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, emulator.RequestCount);
        Assert.Equal(0, stream.Position); // peeked, and put back
    }

    [Fact]
    public async Task EmbedAsync_SeekableImageStream_IsPeekedAndSentWhole()
    {
        var png = TestImages.Png(10, 10);
        using var mock = new JinaMock();
        using var client = mock.CreateClient();
        using var stream = new MemoryStream(png);

        await client.EmbedAsync([EmbeddingInput.FromImageStream(stream)], cancellationToken: Ct);

        Assert.Equal(
            $$"""{"model":"jina-clip-v1","input":[{"image":"{{Convert.ToBase64String(png)}}"}],"embedding_type":"base64"}""",
            mock.LastBody);
    }

    [Fact]
    public async Task EmbedAsync_ForwardOnlyStreamOfHtml_RefusedWhenRead_BeforeItsRequestIsSent()
    {
        var emulator = new JinaEmulator();
        using var client = emulator.CreateClient();

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.EmbedAsync(
            ["a caption", EmbeddingInput.FromImageStream(new ForwardOnlyStream(Html))], cancellationToken: Ct));

        Assert.StartsWith($"Input 1 (the image stream) is not an image the SDK recognises: {HtmlStart}.", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, emulator.RequestCount);
    }

    [Fact]
    public async Task EmbedAsync_FileOverwrittenWithTextAfterPlanning_RefusedWhenRead_ItsRequestNeverSent()
    {
        var path = Write("later.png", TestImages.Png(4, 4));
        using var mock = new JinaMock((_, body) =>
        {
            File.WriteAllText(path, "overwritten by a text editor"); // while the first batch is in flight
            return JinaMock.Json(Responses.ForRequest(body));
        });
        using var client = mock.CreateClient(o => { o.MaxBatchSize = 1; o.MaxConcurrency = 1; });

        var ex = await Assert.ThrowsAsync<JinaBatchException>(() => client.EmbedAsync(["first", EmbeddingInput.FromImageFile(path)], cancellationToken: Ct));

        var refusal = Assert.IsType<ArgumentException>(ex.InnerException);
        Assert.Equal(0, Assert.Single(ex.CompletedEmbeddings).Index);
        Assert.StartsWith($"Input 1 (the image file '{path}') is not an image the SDK recognises: its data starts 6F 76 65 72", refusal.Message, StringComparison.Ordinal);
        Assert.Single(mock.Requests);
    }

    [Fact]
    public async Task EmbedStreamAsync_TextFileAsImage_NamesItsPositionInTheCall()
    {
        var path = Write("notes.png", Encoding.ASCII.GetBytes("remember the milk"));
        var emulator = new JinaEmulator();
        using var client = emulator.CreateClient(o => { o.MaxBatchSize = 2; o.MaxConcurrency = 1; });

        var ex = await Assert.ThrowsAsync<ArgumentException>(async () =>
        {
            await foreach (var _ in client.EmbedStreamAsync(Source(), cancellationToken: Ct))
            {
            }
        });

        Assert.StartsWith($"Input 3 (the image file '{path}') is not an image the SDK recognises", ex.Message, StringComparison.Ordinal);
        Assert.Single(emulator.Requests); // the batch of inputs 0 and 1 only

        async IAsyncEnumerable<EmbeddingInput> Source()
        {
            yield return "a";
            yield return "b";
            yield return "c";
            await Task.Yield();
            yield return EmbeddingInput.FromImageFile(path);
        }
    }

    [Fact]
    public async Task EmbedAsync_AllowUnrecognizedImageFormats_SendsTheBytes_AndTheStrictEmulatorAnswers422()
    {
        var data = Encoding.ASCII.GetBytes("P6 2 2 255 ......."); // a PPM: an image, but not one the SDK reads
        var emulator = new JinaEmulator();
        using var client = emulator.CreateClient(o => o.AllowUnrecognizedImageFormats = true);

        var ex = await Assert.ThrowsAsync<JinaApiException>(() => client.EmbedAsync([EmbeddingInput.FromImageBytes(data)], cancellationToken: Ct));

        Assert.Equal(422, (int)ex.StatusCode);
        var error = Assert.Single(ex.FieldErrors);
        Assert.Equal("body -> jina-clip-v1 -> input -> 0 -> image", error.Field);
        Assert.Equal("value_error", error.Type);
        Assert.Contains("Cannot identify image file", error.Message, StringComparison.Ordinal);
        var sent = Assert.Single(emulator.Requests);
        Assert.Contains($"{{\"image\":\"{Convert.ToBase64String(data)}\"}}", sent.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmbedAsync_AllowUnrecognizedImageFormats_SendsTheBytesAsTheyAre()
    {
        var data = Encoding.ASCII.GetBytes("P6 2 2 255 .......");
        var path = Write("image.ppm", data);
        using var mock = new JinaMock();
        using var client = mock.CreateClient(o => o.AllowUnrecognizedImageFormats = true);

        await client.EmbedAsync([EmbeddingInput.FromImageFile(path)], cancellationToken: Ct);

        Assert.Equal(
            $$"""{"model":"jina-clip-v1","input":[{"image":"{{Convert.ToBase64String(data)}}"}],"embedding_type":"base64"}""",
            mock.LastBody);
    }

    [Theory]
    [InlineData("png")]
    [InlineData("jpeg")]
    [InlineData("gif")]
    [InlineData("webp")]
    [InlineData("bmp")]
    [InlineData("tiff")]
    [InlineData("bigtiff")]
    [InlineData("avif")]
    [InlineData("heic")]
    public async Task EmbedAsync_EveryRecognisedFormat_IsSent(string format)
    {
        var bytes = format switch
        {
            "png" => TestImages.Png(8, 8),
            "jpeg" => TestImages.Jpeg(8, 8),
            "gif" => TestImages.Gif(8, 8),
            "webp" => TestImages.WebPLossy(8, 8),
            "bmp" => TestImages.BmpInfo(8, 8),
            "tiff" => TestImages.Tiff(8, 8),
            "bigtiff" => TestImages.BigTiff(8, 8),
            "avif" => TestImages.Heif("avif", 8, 8),
            _ => TestImages.Heif("heic", 8, 8),
        };
        var emulator = new JinaEmulator();
        using var client = emulator.CreateClient();

        var result = await client.EmbedAsync([EmbeddingInput.FromImageBytes(bytes)], cancellationToken: Ct);

        Assert.Single(result);
        Assert.Equal(1, emulator.RequestCount);
    }
}
