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

    private const string Key = "jina_3f9a1c27b6e04d58a2c9f1e7b3d6a8c0Xy7Qp2LmZk"; // 47 characters, like a real key

    public static TheoryData<string, string> Echoes => new()
    {
        { "whole", Key },
        { "cut to 40 characters of the header (33 of the key)", ("Bearer " + Key)[..40] },
        { "the key's middle 12 characters", Key.Substring(17, 12) },
        { "JSON-escaped, lowercase hex", string.Concat(Key.Select(c => $"\\u{(int)c:x4}")) },
        { "JSON-escaped, uppercase hex, cut at the end", string.Concat(Key.Select(c => $"\\u{(int)c:X4}"))[..150] },
        { "URL-encoded", string.Concat(Encoding.UTF8.GetBytes(Key).Select(b => $"%{b:X2}")) },
        { "URL-encoded, lowercase, cut", string.Concat(Encoding.UTF8.GetBytes(Key).Select(b => $"%{b:x2}"))[..60] },
        { "base64 of the key", Convert.ToBase64String(Encoding.UTF8.GetBytes(Key)) },
        { "base64 of the header (key at offset 7)", Convert.ToBase64String(Encoding.UTF8.GetBytes("Bearer " + Key)) },
        { "base64 at offset 8, URL-safe", Convert.ToBase64String(Encoding.UTF8.GetBytes("Bearer: " + Key)).Replace('+', '-').Replace('/', '_') },
        { "base64 cut at the end", Convert.ToBase64String(Encoding.UTF8.GetBytes("x" + Key))[..24] },
    };

    [Theory]
    [MemberData(nameof(Echoes))]
    public void Scrub_EveryEchoForm_LeavesNoRunOfTheKey(string form, string echo)
    {
        var text = $"upstream said: [{echo}] (request 42)";

        var scrubbed = SecretScrubber.Scrub(text, Key)!;
        var scrubbedBytes = Encoding.UTF8.GetString(SecretScrubber.Scrub(Encoding.UTF8.GetBytes(text), Key));

        Assert.StartsWith("upstream said: [", scrubbed, StringComparison.Ordinal);
        Assert.EndsWith("] (request 42)", scrubbed, StringComparison.Ordinal);
        Assert.Contains(SecretScrubber.Mask, scrubbed, StringComparison.Ordinal);
        Assert.Equal(scrubbed, scrubbedBytes);
        AssertNoEcho(scrubbed, form);
    }

    [Theory]
    [InlineData("jina_3f9a1c2")]            // 12 characters of the key: an echo
    [InlineData("3f9a1c27b6e04d58")]
    public void Scrub_TwelveOrMoreOfTheKeysCharacters_AreMasked(string run)
    {
        Assert.Equal("a *** b", SecretScrubber.Scrub($"a {run} b", Key));
    }

    [Theory]
    [InlineData("jina_3f9a1c")]             // 11 characters: too short to be told from chance
    [InlineData("model jina-clip-v1 answered 42 tokens")]
    [InlineData("")]
    public void Scrub_TextThatIsNoEcho_IsReturnedAsItIs(string text)
    {
        Assert.Same(text, SecretScrubber.Scrub(text, Key));
        Assert.Equal(text, Encoding.UTF8.GetString(SecretScrubber.Scrub(Encoding.UTF8.GetBytes(text), Key)));
    }

    [Fact]
    public void Scrub_TwoEchoesAndTextBetween_KeepsTheText()
    {
        var text = $"{Key[..20]} and {Convert.ToBase64String(Encoding.UTF8.GetBytes(Key))} end";

        Assert.Equal("*** and *** end", SecretScrubber.Scrub(text, Key));
    }

    private static void AssertNoEcho(string text, string form)
    {
        var decodedForms = new List<string> { text };
        for (var i = 0; i + SecretScrubber.MinRun <= Key.Length; i++)
        {
            foreach (var candidate in decodedForms)
            {
                Assert.False(candidate.Contains(Key.Substring(i, SecretScrubber.MinRun), StringComparison.Ordinal), $"{form}: '{text}' still holds {Key.Substring(i, SecretScrubber.MinRun)}");
            }
        }

        var escapedRun = string.Concat(Key.Substring(0, SecretScrubber.MinRun).Select(c => $"\\u{(int)c:x4}"));
        Assert.DoesNotContain(escapedRun, text, StringComparison.OrdinalIgnoreCase);
        foreach (var encoded in new[] { Convert.ToBase64String(Encoding.UTF8.GetBytes(Key)), Convert.ToBase64String(Encoding.UTF8.GetBytes("Bearer " + Key)) })
        {
            for (var i = 12; i + 12 <= encoded.Length - 4; i += 4)
            {
                Assert.DoesNotContain(encoded.Substring(i, 12), text, StringComparison.Ordinal);
            }
        }
    }
}
