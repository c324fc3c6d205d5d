using System.Text.RegularExpressions;

namespace JinaClip.Tests.Docs;

/// <summary>
/// Reads the C# blocks of the repository's markdown and the <c>#region</c> blocks of <c>Docs/Snippets/*.cs</c>, which are
/// compiled (and run) with the tests, so a README fragment that stops compiling fails the build. Complete programs are
/// compiled on their own by <c>ReadmePrograms</c>.
/// </summary>
internal static partial class MarkdownSnippets
{
    /// <summary>The markdown files whose C# blocks must all be compiled snippets.</summary>
    public static readonly string[] Documents = ["README.md", "src/JinaClip/README.md", "src/JinaClip.Testing/README.md", "src/JinaClip.Imaging/README.md"];

    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>Each ```csharp block of a markdown file, as its lines.</summary>
    public static IReadOnlyList<CodeBlock> CodeBlocks(string relativePath)
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot, relativePath));
        var blocks = new List<CodeBlock>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim() != "```csharp")
            {
                continue;
            }

            var start = i + 1;
            var end = start;
            while (end < lines.Length && lines[end].Trim() != "```")
            {
                end++;
            }

            blocks.Add(new CodeBlock($"{relativePath}:{start}", lines[start..end]));
            i = end;
        }

        return blocks;
    }

    /// <summary>Each <c>#region name</c> … <c>#endregion</c> of the snippet files, dedented, with the file's using directives.</summary>
    public static IReadOnlyList<Snippet> Snippets()
    {
        var snippets = new List<Snippet>();
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryRoot, "tests/JinaClip.Tests/Docs/Snippets"), "*.cs"))
        {
            var lines = File.ReadAllLines(file);
            var usings = lines.Where(l => UsingDirective().IsMatch(l)).ToHashSet(StringComparer.Ordinal);
            for (var i = 0; i < lines.Length; i++)
            {
                var open = lines[i].Trim();
                if (!open.StartsWith("#region ", StringComparison.Ordinal))
                {
                    continue;
                }

                var end = i + 1;
                while (lines[end].Trim() != "#endregion")
                {
                    end++;
                }

                snippets.Add(new Snippet($"{Path.GetFileName(file)}: {open[8..]}", Dedent(lines[(i + 1)..end]), usings));
                i = end;
            }
        }

        return snippets;
    }

    /// <summary>
    /// Whether a markdown block is this snippet: after its <c>// Fragment:</c> line, its using directives are the file's
    /// and the rest is the region verbatim.
    /// </summary>
    public static bool Matches(CodeBlock block, Snippet snippet)
    {
        var lines = block.Lines.Length > 0 && FragmentHeader().IsMatch(block.Lines[0]) ? block.Lines[1..] : block.Lines;
        var directives = lines.TakeWhile(l => UsingDirective().IsMatch(l) || l.Length == 0).Where(l => l.Length > 0).ToArray();
        var body = lines.Skip(lines.TakeWhile(l => UsingDirective().IsMatch(l) || l.Length == 0).Count());
        return directives.All(snippet.Usings.Contains) && body.SequenceEqual(snippet.Lines, StringComparer.Ordinal);
    }

    private static string[] Dedent(string[] lines)
    {
        var indent = lines.Where(l => l.Trim().Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
        return [.. lines.Select(l => l.Trim().Length == 0 ? string.Empty : l[indent..])];
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "JinaClip.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No JinaClip.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary>The header of a complete program: <c>// dotnet new console &amp;&amp; dotnet add package JinaClip …</c>.</summary>
    [GeneratedRegex(@"^// dotnet new (console|web)((?: && dotnet add package [A-Za-z0-9.]+)+)$")]
    public static partial Regex ProgramHeader();

    /// <summary>The header of a fragment: <c>// Fragment: …</c>, saying what it belongs to.</summary>
    [GeneratedRegex(@"^// Fragment: .{10,}$")]
    public static partial Regex FragmentHeader();

    [GeneratedRegex(@"^using [A-Za-z0-9_.]+;$")]
    private static partial Regex UsingDirective();

    public sealed record CodeBlock(string Location, string[] Lines);

    public sealed record Snippet(string Name, string[] Lines, IReadOnlySet<string> Usings);
}
