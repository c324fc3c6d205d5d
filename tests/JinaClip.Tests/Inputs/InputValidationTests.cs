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
    public void ToString_DescribesKindWithoutContent()
    {
        Assert.Equal("Text (6 chars)", EmbeddingInput.FromText("secret").ToString());
        Assert.Equal("ImageBytes (3 bytes)", EmbeddingInput.FromImageBytes(new byte[3]).ToString());
    }
}
