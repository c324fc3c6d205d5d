using JinaClip.Tests.TestSupport;

namespace JinaClip.Tests.Inputs;

public class InputValidationTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void FromText_NullOrEmpty_Throws(string? text) =>
        Assert.ThrowsAny<ArgumentException>(() => EmbeddingInput.FromText(text!));

    [Fact]
    public void ImplicitConversion_EmptyString_Throws() =>
        Assert.Throws<ArgumentException>(() => { EmbeddingInput input = ""; });

    [Theory]
    [InlineData("images/cat.png", "absolute")]
    [InlineData("ftp://example.com/cat.png", "http or https")]
    [InlineData("file:///tmp/cat.png", "http or https")]
    [InlineData("data:image/png;base64,iVBORw0KGgo=", "http or https")]
    public void FromImageUrl_NotAbsoluteHttp_Throws(string url, string named)
    {
        var ex = Assert.Throws<ArgumentException>(() => EmbeddingInput.FromImageUrl(url));
        Assert.Contains(named, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromImageBytes_Empty_Throws() =>
        Assert.Throws<ArgumentException>(() => EmbeddingInput.FromImageBytes(ReadOnlyMemory<byte>.Empty));

    [Fact]
    public void FromImageBytes_Over8MiB_ThrowsNamingTheLimit()
    {
        var ex = Assert.Throws<ArgumentException>(() => EmbeddingInput.FromImageBytes(new byte[EmbeddingInput.MaxImageBytes + 1]));
        Assert.Contains("8 MiB", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromImageBytes_Exactly8MiB_IsAccepted() =>
        Assert.Equal(EmbeddingInputKind.ImageBytes, EmbeddingInput.FromImageBytes(new byte[EmbeddingInput.MaxImageBytes]).Kind);

    [Fact]
    public void FromImageStream_Unreadable_Throws()
    {
        var stream = new MemoryStream();
        stream.Dispose();
        Assert.Throws<ArgumentException>(() => EmbeddingInput.FromImageStream(stream));
    }

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
    public async Task EmbedAsync_MissingFile_ThrowsFileNotFoundBeforeSending()
    {
        using var mock = new JinaMock();
        using var client = mock.CreateClient();
        var path = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.png");

        var ex = await Assert.ThrowsAsync<FileNotFoundException>(() =>
            client.EmbedAsync(["a", EmbeddingInput.FromImageFile(path)], cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("Input 1", ex.Message, StringComparison.Ordinal);
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
    public async Task EmbedAsync_EmptyFile_ThrowsBeforeSending()
    {
        using var mock = new JinaMock();
        using var client = mock.CreateClient();
        using var file = new TempFile([]);

        await Assert.ThrowsAsync<ArgumentException>(() =>
            client.EmbedAsync([EmbeddingInput.FromImageFile(file.Path)], cancellationToken: TestContext.Current.CancellationToken));
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

    [Fact]
    public async Task EmbedImageAsync_TextInput_Throws()
    {
        using var mock = new JinaMock();
        using var client = mock.CreateClient();

        await Assert.ThrowsAsync<ArgumentException>(() => client.EmbedImageAsync("text", cancellationToken: TestContext.Current.CancellationToken));
        Assert.Empty(mock.Requests);
    }

    [Fact]
    public void ToString_DescribesKindWithoutContent()
    {
        Assert.Equal("Text (6 chars)", EmbeddingInput.FromText("secret").ToString());
        Assert.Equal("ImageBytes (3 bytes)", EmbeddingInput.FromImageBytes(new byte[3]).ToString());
    }
}
