namespace JinaClip.Tests.Docs;

/// <summary>The READMEs' complete programs compile as pasted into a new app with the packages their first line names.</summary>
public sealed class ReadmeProgramTests
{
    public static TheoryData<string> Programs() =>
    [
        .. MarkdownSnippets.Documents.SelectMany(MarkdownSnippets.CodeBlocks)
            .Where(b => MarkdownSnippets.ProgramHeader().IsMatch(b.Lines[0]))
            .Select(b => b.Location),
    ];

    [Theory]
    [MemberData(nameof(Programs))]
    public void CompleteProgram_CompilesAsPasted_WithNoWarnings(string location)
    {
        var block = MarkdownSnippets.Documents.SelectMany(MarkdownSnippets.CodeBlocks).Single(b => b.Location == location);

        var diagnostics = ReadmePrograms.Compile(block.Lines);

        Assert.True(diagnostics.Count == 0, $"{location} ({block.Lines[0]}):\n{string.Join('\n', diagnostics)}");
    }

    [Fact]
    public void Programs_CoverEveryPackageReadme_AndMostOfTheReadme()
    {
        var programs = Programs().Select(p => p.Data).ToArray();

        Assert.Contains(programs, p => p.StartsWith("src/JinaClip/README.md:", StringComparison.Ordinal));
        Assert.Contains(programs, p => p.StartsWith("src/JinaClip.Testing/README.md:", StringComparison.Ordinal));
        Assert.Contains(programs, p => p.StartsWith("src/JinaClip.Imaging/README.md:", StringComparison.Ordinal));
        Assert.True(programs.Count(p => p.StartsWith("README.md:", StringComparison.Ordinal)) >= 15);
    }

    [Fact]
    public void Compile_APackageTheHeaderDoesNotName_IsAnError()
    {
        // UseJinaEmulator comes from JinaClip.Testing: naming only JinaClip must not compile.
        string[] lines =
        [
            "// dotnet new web && dotnet add package JinaClip",
            "using JinaClip;",
            "using JinaClip.Testing;",
            "var builder = WebApplication.CreateBuilder(args);",
            "builder.Services.AddJinaClient(builder.Configuration).UseJinaEmulator();",
        ];

        var diagnostics = ReadmePrograms.Compile(lines);

        Assert.Contains(diagnostics, d => d.Id == "CS0234" && d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains("Testing", StringComparison.Ordinal));
    }

    [Fact]
    public void Compile_AnUndefinedVariable_IsAnError()
    {
        string[] lines = ["// dotnet new console && dotnet add package JinaClip", "using JinaClip;", "var r = await client.EmbedTextAsync(\"a\");"];

        Assert.Contains(ReadmePrograms.Compile(lines), d => d.Id == "CS0103");
    }
}
