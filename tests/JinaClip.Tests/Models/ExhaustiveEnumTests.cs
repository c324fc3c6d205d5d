using JinaClip.Images;
using JinaClip.Wire;

namespace JinaClip.Tests.Models;

/// <summary>
/// Every member of each public enum the SDK dispatches on reaches a real arm. The switches have no default arm, so a
/// new member is a build error (CS8509); these tests check that no member falls through to an exception at run time.
/// </summary>
public class ExhaustiveEnumTests
{
    public static TheoryData<ImageFormat> Formats => [.. Enum.GetValues<ImageFormat>()];

    public static TheoryData<EmbeddingType> Types => [.. Enum.GetValues<EmbeddingType>()];

    public static TheoryData<SimilarityMetric> Metrics => [.. Enum.GetValues<SimilarityMetric>()];

    [Theory]
    [MemberData(nameof(Formats))]
    public void EveryImageFormat_HasAName_ThatEveryFormatListNames(ImageFormat format)
    {
        var name = ImageFormats.Name(format);

        Assert.Contains(name, ImageFormats.Listed, StringComparison.Ordinal);
        Assert.Equal(format.ToString(), name, ignoreCase: true);
    }

    [Fact]
    public void TheFormatList_IsTheOneEveryMessageUses()
    {
        Assert.Equal("PNG, JPEG, GIF, WebP, BMP, TIFF, AVIF and HEIC", ImageFormats.Listed);
        var sniffed = Assert.Throws<ArgumentException>(() => JinaClip.Planning.ImageSniffer.Check("<html>"u8, 0, "the image bytes", "inputs"));
        Assert.Contains(ImageFormats.Listed, sniffed.Message, StringComparison.Ordinal);
        var header = Assert.Throws<JinaImageHeaderException>(() => ImageHeaderReader.Read("<html>"u8.ToArray()));
        Assert.Contains(ImageFormats.Listed, header.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void EveryEmbeddingType_HasAWireName_ThatParsesBack(EmbeddingType type)
    {
        Assert.Equal(type, WireNames.ParseType(WireNames.Of(type)));
    }

    [Theory]
    [MemberData(nameof(Metrics))]
    public void EveryMetric_Searches(SimilarityMetric metric)
    {
        float[] vectors = [1f, 0f, 0f, 1f, 0.9f, 0.1f];

        var hits = VectorSearch.TopK([1f, 0f], vectors, dimensions: 2, k: 2, metric);

        Assert.Equal([0, 2], hits.Select(h => h.Index));
    }

    [Fact]
    public void EveryInputKind_DescribesItself()
    {
        using var stream = new MemoryStream([1]);
        EmbeddingInput[] inputs = [EmbeddingInput.FromText("a"), EmbeddingInput.FromImageUrl("https://example.com/a.png"), EmbeddingInput.FromImageBytes(new byte[] { 1 }), EmbeddingInput.FromImageFile("a.png"), EmbeddingInput.FromImageStream(stream)];

        Assert.Equal(Enum.GetValues<EmbeddingInputKind>().Order(), inputs.Select(i => i.Kind).Order());
        Assert.All(inputs, i => Assert.StartsWith(i.Kind.ToString(), i.ToString(), StringComparison.Ordinal));
    }
}
