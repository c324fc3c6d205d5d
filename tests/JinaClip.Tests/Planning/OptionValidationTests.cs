using JinaClip.Tests.TestSupport;

namespace JinaClip.Tests.Planning;

public class OptionValidationTests
{
    public static TheoryData<string, EmbeddingOptions, string> RejectedOptions() => new()
    {
        { JinaModels.ClipV1, new EmbeddingOptions { Task = JinaTasks.RetrievalQuery }, "'task'" },
        { JinaModels.ClipV1, new EmbeddingOptions { Dimensions = 512 }, "'dimensions'" },
        { JinaModels.ClipV1, new EmbeddingOptions { LateChunking = true }, "'late_chunking'" },
        { JinaModels.ClipV2, new EmbeddingOptions { LateChunking = false }, "'late_chunking'" },
        { JinaModels.ClipV2, new EmbeddingOptions { Task = JinaTasks.RetrievalPassage }, "retrieval.passage" },
        { JinaModels.ClipV2, new EmbeddingOptions { Dimensions = 1025 }, "1 to 1024" },
        { JinaModels.EmbeddingsV4, new EmbeddingOptions { Normalized = true }, "'normalized'" },
        { JinaModels.EmbeddingsV4, new EmbeddingOptions { Dimensions = 2049 }, "1 to 2048" },
        { JinaModels.EmbeddingsV2BaseEn, new EmbeddingOptions { Task = JinaTasks.TextMatching }, "'task'" },
        { JinaModels.EmbeddingsV2BaseEn, new EmbeddingOptions { Dimensions = 128 }, "'dimensions'" },
        { JinaModels.EmbeddingsV3, new EmbeddingOptions { Task = "retrieval" }, "does not accept the task 'retrieval'" },
        { JinaModels.EmbeddingsV3, new EmbeddingOptions { Dimensions = 1025 }, "1 to 1024" },
        { JinaModels.EmbeddingsV5TextNano, new EmbeddingOptions { LateChunking = true }, "'late_chunking'" },
        { JinaModels.CodeEmbeddings1500M, new EmbeddingOptions { Normalized = false }, "'normalized'" },
        { "jina-colbert-v2", new EmbeddingOptions(), "multi-vector" },
        { "elser-v2", new EmbeddingOptions(), "sparse" },
    };

    [Theory]
    [MemberData(nameof(RejectedOptions))]
    public async Task EmbedAsync_OptionTheModelRejects_ThrowsBeforeSending(string model, EmbeddingOptions options, string named)
    {
        using var mock = new JinaMock();
        using var client = mock.CreateClient();
        options.Model = model;

        var ex = await Assert.ThrowsAnyAsync<ArgumentException>(() => client.EmbedAsync("q", options, TestContext.Current.CancellationToken));

        Assert.Contains(named, ex.Message, StringComparison.Ordinal);
        Assert.Empty(mock.Requests);
    }

    [Theory]
    [InlineData(JinaModels.EmbeddingsV3)]
    [InlineData(JinaModels.EmbeddingsV2BaseEn)]
    [InlineData(JinaModels.EmbeddingsV5TextSmall)]
    public async Task EmbedAsync_ImageOnTextOnlyModel_ThrowsBeforeSending(string model)
    {
        using var mock = new JinaMock();
        using var client = mock.CreateClient();

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.EmbedAsync(
            ["text", EmbeddingInput.FromImageUrl("https://example.com/a.png")], new EmbeddingOptions { Model = model }, TestContext.Current.CancellationToken));

        Assert.Contains("Input 1 is an image", ex.Message, StringComparison.Ordinal);
        Assert.Empty(mock.Requests);
    }

    [Fact]
    public async Task EmbedAsync_LateChunkingWithImage_ThrowsBeforeSending()
    {
        using var mock = new JinaMock();
        using var client = mock.CreateClient();

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.EmbedAsync(
            ["text", EmbeddingInput.FromImageUrl("https://example.com/a.png")],
            new EmbeddingOptions { Model = JinaModels.EmbeddingsV4, LateChunking = true },
            TestContext.Current.CancellationToken));

        Assert.Contains("late_chunking", ex.Message, StringComparison.Ordinal);
        Assert.Empty(mock.Requests);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Dimensions_NotPositive_Throws(int value) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new EmbeddingOptions { Dimensions = value });

    [Fact]
    public async Task EmbedTextAsync_BinaryType_ThrowsBecauseItReturnsFloats()
    {
        using var mock = new JinaMock();
        using var client = mock.CreateClient();

        await Assert.ThrowsAsync<ArgumentException>(() => client.EmbedTextAsync(
            "a", new EmbeddingOptions { EmbeddingType = EmbeddingType.Binary }, TestContext.Current.CancellationToken));
        Assert.Empty(mock.Requests);
    }

    [Fact]
    public void Clone_CopiesEveryOption()
    {
        var options = new EmbeddingOptions
        {
            Model = "m", EmbeddingType = EmbeddingType.UBinary, Task = "t", Dimensions = 8, Normalized = true, LateChunking = false, Truncate = true,
        };

        var clone = options.Clone();

        Assert.NotSame(options, clone);
        Assert.Equivalent(options, clone, strict: true);
    }
}
