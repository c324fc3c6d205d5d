using System.Text;
using JinaClip.Wire;

namespace JinaClip.Tests.Wire;

public class SecretScrubberTests
{
    [Theory]
    [InlineData("no key here", "no key here")]
    [InlineData("jina_KEY", "***")]
    [InlineData("a jina_KEY b jina_KEY c", "a *** b *** c")]
    [InlineData("jina_KEYjina_KEY", "******")]
    [InlineData("jina_KEjina_KEY_", "jina_KE***_")]
    [InlineData("é jina_KEY ü", "é *** ü")]
    [InlineData("", "")]
    public void ScrubBytes_ReplacesEveryOccurrence_AndKeepsTheRestByteForByte(string body, string expected)
    {
        var scrubbed = SecretScrubber.Scrub(Encoding.UTF8.GetBytes(body), "jina_KEY");

        Assert.Equal(expected, Encoding.UTF8.GetString(scrubbed));
    }

    [Fact]
    public void ScrubBytes_AKeyShorterThanTheMask_GrowsTheOutputExactly()
    {
        var scrubbed = SecretScrubber.Scrub("xkxkx"u8, "k");

        Assert.Equal("x***x***x", Encoding.UTF8.GetString(scrubbed));
    }

    [Fact]
    public void ScrubBytes_AnEmptySecret_CopiesTheInput()
    {
        Assert.Equal("abc"u8.ToArray(), SecretScrubber.Scrub("abc"u8, string.Empty));
    }
}
