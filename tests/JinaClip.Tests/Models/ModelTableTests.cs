using JinaClip.Costs;
using JinaClip.Models;

namespace JinaClip.Tests.Models;

/// <summary>One record per model in Models/: what the estimators, the planner, the rerank client and Imaging read.</summary>
public class ModelTableTests
{
    [Fact]
    public void TokenEstimatorDefaults_AreTheTablesImageRules_ForEveryModelThatTakesImages()
    {
        var fromTable = ModelCatalog.Supported
            .Where(m => m.AcceptsImages)
            .ToDictionary(m => m.Name, m => new ImageTokenRule(m.Image!.TileSize, m.Image.TokensPerTile));

        Assert.Equal(fromTable.OrderBy(r => r.Key), new TokenEstimatorOptions().ImageRules.OrderBy(r => r.Key));
        Assert.Contains(JinaModels.ClipV1, fromTable.Keys);
    }

    [Fact]
    public void EveryModelThatTakesImages_HasAnImageRule_AndNoTextModelHasOne()
    {
        foreach (var model in ModelCatalog.Supported)
        {
            Assert.True(model.AcceptsImages == (model.Image is not null), model.Name);
            Assert.Same(model.Image, JinaModels.GetImageInput(model.Name));
        }

        Assert.Null(JinaModels.GetImageInput("jina-not-a-model"));
    }

    [Theory]
    [InlineData(JinaModels.ClipV1, 1000)]
    [InlineData(JinaModels.ClipV2, 4000)]
    [InlineData(JinaModels.EmbeddingsV4, 1000)]
    [InlineData("jina-not-a-model", 1000)]
    public void RoughEstimate_OfAnImage_IsOneTileTheModelSees(string model, int tokens)
    {
        Assert.Equal(tokens, RoughTokenEstimator.Estimate(EmbeddingInput.FromImageUrl("https://example.com/a.jpg"), model));
    }

    [Fact]
    public void ImageInput_DescribesTheSizeTheModelSees()
    {
        Assert.Equal("ModelImageInput { Rule = ShortestSide, Side = 224, PatchSize = 0, TileSize = 224, TokensPerTile = 1000 }", JinaModels.GetImageInput(JinaModels.ClipV1)!.ToString());
        Assert.Equal((ImageResizeRule.ShortestSide, 512), (JinaModels.GetImageInput(JinaModels.ClipV2)!.Rule, JinaModels.GetImageInput(JinaModels.ClipV2)!.Side));
        Assert.Equal((ImageResizeRule.PixelBudget, 28), (JinaModels.GetImageInput(JinaModels.EmbeddingsV4)!.Rule, JinaModels.GetImageInput(JinaModels.EmbeddingsV4)!.PatchSize));
    }

    [Fact]
    public void EveryReranker_HasOneRecord_AndOnlyV3IsListwise()
    {
        Assert.Equal(8, ModelCatalog.AllRerankers.Count());
        Assert.Equal([JinaModels.RerankerV3], ModelCatalog.AllRerankers.Where(r => r.Listwise).Select(r => r.Name));
        Assert.Equal([JinaModels.RerankerM0], ModelCatalog.AllRerankers.Where(r => r.Images).Select(r => r.Name));
        Assert.Null(ModelCatalog.FindReranker(JinaModels.ClipV1));
    }
}
