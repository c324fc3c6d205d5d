using System.Text.RegularExpressions;

namespace JinaClip.Tests.Docs;

/// <summary>Reads the tables and lists of <c>docs/architecture.md</c> that tests hold the code to.</summary>
internal static partial class ArchitectureDocument
{
    private static readonly string[] Lines = File.ReadAllLines(Path.Combine(MarkdownSnippets.RepositoryRoot, "docs", "architecture.md"));

    /// <summary>The "What each folder may use" table: folder → the folders it may use.</summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> AllowedUses()
    {
        var rows = TableAfter("## What each folder may use");
        return rows.ToDictionary(
            r => r[0].Trim('`'),
            r => (IReadOnlySet<string>)(r[2] == "—"
                ? new HashSet<string>(StringComparer.Ordinal)
                : r[2].Split(',').Select(s => s.Trim()).ToHashSet(StringComparer.Ordinal)),
            StringComparer.Ordinal);
    }

    /// <summary>The folders in the order the table gives them (top to bottom).</summary>
    public static IReadOnlyList<string> FolderOrder() => [.. TableAfter("## What each folder may use").Select(r => r[0].Trim('`'))];

    /// <summary>The request stages, in the order of the stage table.</summary>
    public static IReadOnlyList<string> Stages() => [.. TableAfter("## The path of an embeddings call").Select(r => r[0].Trim('`'))];

    /// <summary>Every backticked name in the bullet list of the naming section: the types that carry the prefix.</summary>
    public static IReadOnlySet<string> PrefixedTypes()
    {
        var start = Array.IndexOf(Lines, "## Naming: the `Jina` prefix");
        Assert.True(start >= 0, "docs/architecture.md has no naming section.");
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = start + 1; i < Lines.Length && !Lines[i].StartsWith("Every other", StringComparison.Ordinal); i++)
        {
            foreach (Match m in Backticked().Matches(Lines[i]))
            {
                if (m.Groups[1].Value.StartsWith("Jina", StringComparison.Ordinal) && m.Groups[1].Value != "Jina")
                {
                    names.Add(m.Groups[1].Value);
                }
            }
        }

        return names;
    }

    private static List<string[]> TableAfter(string heading)
    {
        var i = Array.IndexOf(Lines, heading);
        Assert.True(i >= 0, $"docs/architecture.md has no '{heading}' section.");
        while (i < Lines.Length && !Lines[i].TrimStart().StartsWith('|'))
        {
            i++;
        }

        var rows = new List<string[]>();
        for (i += 2; i < Lines.Length && Lines[i].TrimStart().StartsWith('|'); i++)
        {
            rows.Add([.. Lines[i].Trim().Trim('|').Split('|').Select(c => c.Trim())]);
        }

        return rows;
    }

    [GeneratedRegex("`([A-Za-z]+)`")]
    private static partial Regex Backticked();
}
