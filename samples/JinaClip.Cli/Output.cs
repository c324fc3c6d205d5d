using System.Text.Json.Serialization;

namespace JinaClip.Cli;

internal sealed record UsageOutput(long? TotalTokens, long? PromptTokens, long? ImageTokens)
{
    public static UsageOutput From(EmbeddingUsage usage) => new(usage.TotalTokens, usage.PromptTokens, usage.ImageTokens);
}

internal sealed record EmbedItemOutput(int Index, string Kind, string Input, int Dimensions, float[] Embedding);

internal sealed record EmbedOutput(string Model, UsageOutput Usage, EmbedItemOutput[] Data);

internal sealed record SimilarityOutput(string Model, string First, string Second, float Cosine, UsageOutput Usage);

internal sealed record DemoPhotoOutput(string Original, long OriginalTokens, string Sent, long? TokensUsed, string Downscale);

internal sealed record DemoOutput(string Model, string Text, string Image, int TextDimensions, int ImageDimensions, float Cosine, UsageOutput Usage, bool Offline, bool ImageTokensMeasured, DemoPhotoOutput Photo);

internal sealed record SearchResultOutput(int Rank, string Id, float Score, double? RerankScore);

internal sealed record SearchOutput(string Query, SearchResultOutput[] Results);

internal sealed record EstimateItemOutput(
    string Kind, string Input, string? Format, int? Width, int? Height, long? Tiles, long Tokens, int? SentWidth, int? SentHeight, long? SentTiles, long SentTokens, string? Note, string? Error);

internal sealed record EstimateOutput(
    string Model, EstimateItemOutput[] Items, long TotalTokens, long OriginalTotalTokens, string Downscale, decimal? Cost, decimal? PricePerMillion, string? PriceSource);

internal sealed record RerankResultOutput(int Rank, int Index, double Score, string Document);

internal sealed record RerankOutput(string Model, string Query, long? TotalTokens, RerankResultOutput[] Results);

internal sealed record ModelOutput(string Id, string FullId, string Name, int Dimensions, int ContextLength, string[] InputModalities, string[] OutputModalities, decimal? PricePerMillionTokens);

internal sealed record ModelsOutput(string Source, ModelOutput[] Models);

internal sealed record PredictionOutput(string? Group, string Label, float Score, string? RunnerUp, float? RunnerUpScore);

internal sealed record ClassifyItemOutput(int Index, string Input, PredictionOutput[] Predictions);

internal sealed record ClassifyOutput(string Model, long? TotalTokens, ClassifyItemOutput[] Results);

/// <summary>Source-generated JSON for the CLI's <c>--json</c> output (trim and AOT safe).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(EmbedOutput))]
[JsonSerializable(typeof(SimilarityOutput))]
[JsonSerializable(typeof(DemoOutput))]
[JsonSerializable(typeof(SearchOutput))]
[JsonSerializable(typeof(EstimateOutput))]
[JsonSerializable(typeof(RerankOutput))]
[JsonSerializable(typeof(ModelsOutput))]
[JsonSerializable(typeof(ClassifyOutput))]
internal sealed partial class CliJsonContext : JsonSerializerContext;

/// <summary>Single-line JSON pieces for output streamed item by item (<c>embed --from-file --json</c>).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(EmbedItemOutput))]
[JsonSerializable(typeof(UsageOutput))]
[JsonSerializable(typeof(string))]
internal sealed partial class CliCompactJsonContext : JsonSerializerContext;
