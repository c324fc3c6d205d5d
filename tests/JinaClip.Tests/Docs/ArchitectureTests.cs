using JinaClip.Tests.TestSupport;

namespace JinaClip.Tests.Docs;

/// <summary>Holds <c>docs/architecture.md</c> and the code to each other: folders, dependencies, stages, names.</summary>
public class ArchitectureTests
{
    [Fact]
    public void FolderTable_ListsEverySourceFolder_AndNoOther()
    {
        var documented = ArchitectureDocument.FolderOrder().Order(StringComparer.Ordinal).ToList();

        Assert.Equal(FolderDependencies.Folders(), documented);
    }

    [Fact]
    public void FolderTable_HasEachFolderOnce()
    {
        var order = ArchitectureDocument.FolderOrder();

        Assert.Equal(order.Count, order.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void EveryFolder_UsesExactlyTheFoldersItsRowNames()
    {
        var allowed = ArchitectureDocument.AllowedUses();
        var problems = new List<string>();
        foreach (var (folder, uses) in FolderDependencies.Compute())
        {
            var permitted = allowed.TryGetValue(folder, out var p) ? p : new HashSet<string>();
            foreach (var (used, proofs) in uses.Where(u => !permitted.Contains(u.Key)))
            {
                problems.Add($"{folder} uses {used}, which its row does not allow ({string.Join("; ", proofs.Take(3))})");
            }

            foreach (var stale in permitted.Where(u => !uses.ContainsKey(u)))
            {
                problems.Add($"{folder}'s row allows {stale}, which it no longer uses: remove it from the table");
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void FolderTable_EveryAllowedUse_PointsDownTheTable()
    {
        var order = ArchitectureDocument.FolderOrder().Select((f, i) => (f, i)).ToDictionary(x => x.f, x => x.i, StringComparer.Ordinal);
        var upward = new List<string>();
        foreach (var (folder, uses) in ArchitectureDocument.AllowedUses())
        {
            foreach (var used in uses)
            {
                if (!order.TryGetValue(used, out var index) || index <= order[folder])
                {
                    upward.Add($"{folder} → {used}");
                }
            }
        }

        // Arrows that only point down a list cannot form a cycle.
        Assert.True(upward.Count == 0, "Uses that point up the table (or at no row): " + string.Join(", ", upward));
    }

    [Fact]
    public void OnlyWire_ReadsOrWritesJson()
    {
        var outside = FolderDependencies.JsonOutsideWire(FolderDependencies.SourceRoot);

        Assert.True(outside.Count == 0, "JSON read or written outside Wire/: " + string.Join("; ", outside));
    }

    [Fact]
    public void JsonRule_CatchesAMisplacedUtf8JsonWriter_AndOnlyIt()
    {
        // A source tree of its own: Wire may write JSON, Rerank may not; a mention in a comment or a string is no use.
        var root = Directory.CreateTempSubdirectory("jinaclip-architecture-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "Wire", "Rerank"));
            Directory.CreateDirectory(Path.Combine(root, "Rerank"));
            File.WriteAllText(Path.Combine(root, "Wire", "Rerank", "RerankCall.cs"), "class RerankCall { void W(System.Buffers.IBufferWriter<byte> o) { using var w = new System.Text.Json.Utf8JsonWriter(o); } }");
            File.WriteAllText(Path.Combine(root, "Rerank", "RerankPlanner.cs"), "class RerankPlanner { /* Utf8JsonWriter */ string S = \"Utf8JsonWriter\"; }");
            File.WriteAllText(Path.Combine(root, "Rerank", "Misplaced.cs"), "class Misplaced { void W(System.IO.Stream s) { using var w = new System.Text.Json.Utf8JsonWriter(s); w.WriteString(\"top_n\", \"3\"); } }");

            var outside = FolderDependencies.JsonOutsideWire(root);

            Assert.Equal(["Rerank/Misplaced.cs: Utf8JsonWriter"], outside);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void OnlyTheEngine_RunsWorkConcurrently()
    {
        // The one loop that runs requests concurrently is Engine/RequestEngine: no other source file of any package
        // waits on a set of tasks.
        var src = Path.Combine(MarkdownSnippets.RepositoryRoot, "src");
        var loops = Directory.GetFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(p => System.Text.RegularExpressions.Regex.IsMatch(File.ReadAllText(p), @"\b(WhenAll|WhenAny|ForEachAsync)\b"))
            .Select(p => Path.GetRelativePath(src, p).Replace('\\', '/'))
            .ToList();

        Assert.Equal(["JinaClip/Engine/RequestEngine.cs"], loops);
    }

    [Fact]
    public void StageTable_MatchesThePipelineTheClientBuilds()
    {
        using var client = new JinaEmbeddingClient(new JinaClientOptions { ApiKey = "jina_architecture" });

        var built = ClientInternals.PipelineOf(client).Stages.Select(s => s.GetType().Name).ToList();

        Assert.Equal(built, ArchitectureDocument.Stages());
    }

    [Fact]
    public void NamingSection_ListsExactlyThePublicTypesThatCarryThePrefix()
    {
        var prefixed = typeof(JinaEmbeddingClient).Assembly.GetExportedTypes()
            .Select(t => t.Name)
            .Where(n => n.StartsWith("Jina", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(prefixed, ArchitectureDocument.PrefixedTypes().Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public void EveryPublicException_CarriesThePrefix()
    {
        var unprefixed = typeof(JinaEmbeddingClient).Assembly.GetExportedTypes()
            .Where(t => typeof(Exception).IsAssignableFrom(t) && !t.Name.StartsWith("Jina", StringComparison.Ordinal))
            .Select(t => t.FullName)
            .ToList();

        Assert.Empty(unprefixed);
    }
}
