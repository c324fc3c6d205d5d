using System.Text.RegularExpressions;

namespace JinaClip.Tests.Docs;

/// <summary>
/// Which folders of <c>src/JinaClip</c> the source of each folder refers to: every type is mapped to the folder that
/// declares it, and an identifier in one folder's code (comments and string literals removed) that names a type of
/// another folder is a dependency. A name declared in more than one folder is ambiguous and not counted.
/// </summary>
internal static partial class FolderDependencies
{
    public static string SourceRoot { get; } = Path.Combine(MarkdownSnippets.RepositoryRoot, "src", "JinaClip");

    /// <summary>The folders that hold source files (in them or in their sub-folders, such as <c>Wire/Rerank</c>).</summary>
    public static IReadOnlyList<string> Folders() => Folders(SourceRoot);

    /// <summary>The top folders of <paramref name="root"/> that hold source files.</summary>
    public static IReadOnlyList<string> Folders(string root) =>
        [.. Directory.GetDirectories(root)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(d => d is not "bin" and not "obj" && SourceFiles(Path.Combine(root, d)).Any())
            .Order(StringComparer.Ordinal)];

    /// <summary>The source files of a folder and its sub-folders.</summary>
    public static IEnumerable<string> SourceFiles(string folder) => Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories);

    /// <summary>
    /// Every place outside <c>Wire/</c> that reads or writes JSON: the only way to put a field name on the wire or read
    /// one off it is through these types and members, so a folder without them knows no field names.
    /// </summary>
    /// <param name="root">The source root (<c>src/JinaClip</c>, or a test's own tree).</param>
    /// <returns><c>Folder/File.cs: Name</c> for each use.</returns>
    public static IReadOnlyList<string> JsonOutsideWire(string root)
    {
        var found = new List<string>();
        foreach (var folder in Folders(root).Where(f => f != "Wire"))
        {
            foreach (var path in SourceFiles(Path.Combine(root, folder)))
            {
                foreach (var name in JsonApi().Matches(CodeOnly(File.ReadAllText(path))).Select(m => m.Value).Distinct(StringComparer.Ordinal))
                {
                    found.Add($"{Path.GetRelativePath(root, path).Replace('\\', '/')}: {name}");
                }
            }
        }

        return found;
    }

    /// <summary>Folder → folders it uses → the references that prove it (<c>File.cs: TypeName</c>).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> Compute()
    {
        var code = Folders().ToDictionary(
            f => f,
            f => SourceFiles(Path.Combine(SourceRoot, f)).ToDictionary(p => Path.GetRelativePath(Path.Combine(SourceRoot, f), p), p => CodeOnly(File.ReadAllText(p))));

        var declaredIn = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (folder, files) in code)
        {
            foreach (var text in files.Values)
            {
                foreach (Match m in Declaration().Matches(text))
                {
                    var name = m.Groups["name"].Value;
                    if (!declaredIn.TryGetValue(name, out var folders))
                    {
                        declaredIn[name] = folders = [];
                    }

                    folders.Add(folder);
                }
            }
        }

        var result = new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>(StringComparer.Ordinal);
        foreach (var (folder, files) in code)
        {
            var uses = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
            foreach (var (file, text) in files)
            {
                foreach (var name in Identifier().Matches(text).Select(m => m.Value).Distinct(StringComparer.Ordinal))
                {
                    if (declaredIn.TryGetValue(name, out var owners) && owners.Count == 1 && !owners.Contains(folder))
                    {
                        var owner = owners.Single();
                        if (!uses.TryGetValue(owner, out var proofs))
                        {
                            uses[owner] = proofs = new SortedSet<string>(StringComparer.Ordinal);
                        }

                        proofs.Add($"{file}: {name}");
                    }
                }
            }

            result[folder] = uses.ToDictionary(u => u.Key, u => (IReadOnlyList<string>)[.. u.Value], StringComparer.Ordinal);
        }

        return result;
    }

    // One left-to-right pass, so that "//" inside a string (a URL) is not taken for a comment, nor a quote inside a
    // comment for a string. The holes of an interpolated string are code and are kept.
    private static string CodeOnly(string source) =>
        CommentsAndLiterals().Replace(source, m => m.Value[0] switch
        {
            '/' => " ",
            '$' => string.Join(" ", Holes().Matches(m.Value).Select(h => h.Groups[1].Value)),
            _ => "\"\"",
        });

    [GeneratedRegex(@"\b(?:class|struct|record|interface|enum)\s+(?<name>[A-Z]\w*)")]
    private static partial Regex Declaration();

    [GeneratedRegex(@"\b(?:Utf8JsonReader|Utf8JsonWriter|JsonDocument|JsonSerializer|JsonSerializerContext|JsonNode\.Parse|GetProperty|TryGetProperty|ValueTextEquals|WriteTo)\b")]
    private static partial Regex JsonApi();

    [GeneratedRegex(@"\b[A-Z]\w*\b")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/|'(?:\\.|[^'\\\n])'|@""(?:""""|[^""])*""|\$?""(?:\\.|[^""\\\n])*""", RegexOptions.Singleline)]
    private static partial Regex CommentsAndLiterals();

    [GeneratedRegex(@"\{([^{}""]*)\}")]
    private static partial Regex Holes();
}
