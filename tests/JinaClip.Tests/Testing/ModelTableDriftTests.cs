using JinaClip.Models;
using JinaClip.Testing.Emulator;

namespace JinaClip.Tests.Testing;

/// <summary>
/// The client's model table and the emulator's own statement of the API's rules are written apart; this compares
/// them, so a wrong entry in either is caught instead of being agreed with.
/// </summary>
public class ModelTableDriftTests
{
    public static TheoryData<string> ClientModels() => [.. ModelCatalog.Supported.Select(s => s.Name)];

    [Fact]
    public void BothTables_NameTheSameModels() =>
        Assert.Equal(ModelCatalog.Supported.Select(s => s.Name).Order(), ApiModels.Supported.Select(m => m.Name).Order());

    [Theory]
    [MemberData(nameof(ClientModels))]
    public void EachModel_AgreesOnFieldsTasksDimensionsImagesAndInputLimit(string name)
    {
        var client = ModelCatalog.Find(name)!;
        var api = ApiModels.Find(name)!;

        Assert.Equal(Fields(client), api.Fields.Order(StringComparer.Ordinal));
        Assert.Equal(client.Tasks.Order(StringComparer.Ordinal), api.Tasks.Order(StringComparer.Ordinal));
        Assert.Equal(client.NativeDimensions, api.NativeDimensions);
        Assert.Equal(client.MaxDimensions, api.MaxDimensions);
        Assert.Equal(client.AcceptsImages, api.AcceptsImages);
        Assert.Equal(client.MaxInputs, api.MaxInputs);
    }

    [Theory]
    [MemberData(nameof(ClientModels))]
    public void EachModel_AgreesOnWhatItClassifiesAndTrainsOn(string name)
    {
        var client = ModelCatalog.Find(name)!.Classification;

        Assert.Equal(ApiClassification.Classifies(name), client.HasFlag(ModelClassification.ZeroShotText));
        Assert.Equal(ApiClassification.ClassifiesImages(name), client.HasFlag(ModelClassification.ZeroShotImages));
        Assert.Equal(ApiClassification.Trains(name), client.HasFlag(ModelClassification.TrainText));
        Assert.Equal(ApiClassification.TrainsImages(name), client.HasFlag(ModelClassification.TrainImages));
    }

    [Fact]
    public void ClassificationLimits_AgreeWithTheEmulators()
    {
        Assert.Equal(ApiClassification.MaxInputs, ModelCatalog.MaxClassifyInputs);
        Assert.Equal(ApiClassification.MaxLabels, ModelCatalog.MaxLabels);
        Assert.Equal(ApiClassification.MaxGroups, ModelCatalog.MaxLabelGroups);
        Assert.Equal(ApiClassification.MaxGroupLabels, ModelCatalog.MaxLabelsPerGroup);
        Assert.Equal(ApiClassification.MaxExamples, ModelCatalog.MaxTrainingExamples);
        Assert.Equal(ModelCatalog.MaxClassifyInputs, new ClassifyOptions().MaxInputsPerRequest);
    }

    [Fact]
    public void TheComparison_CatchesADifference()
    {
        // The comparison itself can fail: a table that drops one field is told apart.
        var clip = ModelCatalog.Find(JinaModels.ClipV2)!;
        var drifted = clip with { Fields = clip.Fields & ~ModelField.Task };
        Assert.NotEqual(Fields(drifted), ApiModels.Find(JinaModels.ClipV2)!.Fields.Order(StringComparer.Ordinal));
    }

    private static IEnumerable<string> Fields(ModelSpec spec) => new (ModelField Field, string Wire)[]
        {
            (ModelField.Task, "task"), (ModelField.Dimensions, "dimensions"), (ModelField.Normalized, "normalized"),
            (ModelField.LateChunking, "late_chunking"), (ModelField.Truncate, "truncate"),
        }
        .Where(f => spec.Accepts(f.Field)).Select(f => f.Wire).Order(StringComparer.Ordinal);
}
