namespace JinaClip.Tests.Docs;

public sealed class ReadmeSnippetTests
{
    public static TheoryData<string> Documents() => [.. MarkdownSnippets.Documents];

    [Theory]
    [MemberData(nameof(Documents))]
    public void EveryCSharpBlock_IsACompiledSnippet(string document)
    {
        var blocks = MarkdownSnippets.CodeBlocks(document);
        var snippets = MarkdownSnippets.Snippets();

        Assert.NotEmpty(blocks);
        var uncompiled = blocks.Where(b => !snippets.Any(s => MarkdownSnippets.Matches(b, s))).Select(b => b.Location).ToArray();
        Assert.True(uncompiled.Length == 0,
            $"These C# blocks are not, verbatim, a #region of tests/JinaClip.Tests/Docs/Snippets: {string.Join(", ", uncompiled)}");
    }

    [Fact]
    public void EverySnippet_AppearsInTheDocs()
    {
        var blocks = MarkdownSnippets.Documents.SelectMany(MarkdownSnippets.CodeBlocks).ToArray();

        var stale = MarkdownSnippets.Snippets().Where(s => !blocks.Any(b => MarkdownSnippets.Matches(b, s))).Select(s => s.Name).ToArray();

        Assert.True(stale.Length == 0, $"These snippets are in no document any more (update or delete them): {string.Join(", ", stale)}");
    }

    [Fact]
    public void Matches_ADifferentLine_IsNotAMatch()
    {
        var snippet = new MarkdownSnippets.Snippet("s", ["var x = 1;", "var y = 2;"], new HashSet<string> { "using JinaClip;" });

        Assert.True(MarkdownSnippets.Matches(new("m", ["using JinaClip;", "", "var x = 1;", "var y = 2;"]), snippet));
        Assert.False(MarkdownSnippets.Matches(new("m", ["var x = 1;", "var y = 3;"]), snippet));
        Assert.False(MarkdownSnippets.Matches(new("m", ["using JinaClip.Testing;", "var x = 1;", "var y = 2;"]), snippet));
    }
}
