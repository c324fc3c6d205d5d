namespace JinaClip.Tests.Docs;

/// <summary>
/// Every C# block of the READMEs is either a complete program, whose first line says how to make the app and which
/// packages to add (<c>// dotnet new console &amp;&amp; dotnet add package JinaClip</c>), or a fragment, whose first
/// line says so and what it belongs to (<c>// Fragment: …</c>) and which is a compiled <c>#region</c> of Docs/Snippets.
/// </summary>
public sealed class ReadmeSnippetTests
{
    public static TheoryData<string> Documents() => [.. MarkdownSnippets.Documents];

    [Theory]
    [MemberData(nameof(Documents))]
    public void EveryCSharpBlock_IsACompleteProgramOrAMarkedFragment(string document)
    {
        var blocks = MarkdownSnippets.CodeBlocks(document);

        Assert.NotEmpty(blocks);
        var unmarked = blocks.Where(b => !MarkdownSnippets.ProgramHeader().IsMatch(b.Lines[0]) && !MarkdownSnippets.FragmentHeader().IsMatch(b.Lines[0]))
            .Select(b => $"{b.Location} ({b.Lines[0]})").ToArray();
        Assert.True(unmarked.Length == 0, $"These C# blocks start with neither '// dotnet new …' nor '// Fragment: …': {string.Join(", ", unmarked)}");
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void EveryFragment_IsACompiledSnippet(string document)
    {
        var fragments = MarkdownSnippets.CodeBlocks(document).Where(b => MarkdownSnippets.FragmentHeader().IsMatch(b.Lines[0]));
        var snippets = MarkdownSnippets.Snippets();

        var uncompiled = fragments.Where(b => !snippets.Any(s => MarkdownSnippets.Matches(b, s))).Select(b => b.Location).ToArray();
        Assert.True(uncompiled.Length == 0,
            $"These C# fragments are not, verbatim, a #region of tests/JinaClip.Tests/Docs/Snippets: {string.Join(", ", uncompiled)}");
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
        Assert.True(MarkdownSnippets.Matches(new("m", ["// Fragment: the body of a test method.", "using JinaClip;", "var x = 1;", "var y = 2;"]), snippet));
        Assert.False(MarkdownSnippets.Matches(new("m", ["var x = 1;", "var y = 3;"]), snippet));
        Assert.False(MarkdownSnippets.Matches(new("m", ["using JinaClip.Testing;", "var x = 1;", "var y = 2;"]), snippet));
    }
}
