using JinaClip.Models;
using JinaClip.Testing.Emulator;

namespace JinaClip.Tests.Testing;

/// <summary>The client's reranker rules and the emulator's, written apart, compared so that drift in either is caught.</summary>
public class RerankerTableDriftTests
{
    [Fact]
    public void BothTables_NameTheSameRerankers_WithTheSameImageAndV3Fields() =>
        Assert.Equal(
            ModelCatalog.AllRerankers.Select(r => (r.Name, r.Images, r.V3Fields)).Order(),
            ApiReranker.All.Select(r => (r.Name, r.Images, r.V3Fields)).Order());

    [Fact]
    public void OnlyJinaRerankerV3_IsListwise() =>
        Assert.Equal([JinaModels.RerankerV3], ModelCatalog.AllRerankers.Where(r => r.Listwise).Select(r => r.Name));
}
