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
