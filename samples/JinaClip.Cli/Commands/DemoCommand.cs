using System.CommandLine;
using System.Globalization;
using System.Text.Json;

namespace JinaClip.Cli.Commands;

/// <summary>
/// <c>demo</c>: the jina-clip-v1 launch post's example — one text and one image URL in one call — printing both
/// vectors' sizes, their cosine and the tokens used.
/// </summary>
internal static class DemoCommand
{
    public const string Text = "Bridge close-shot";
    public const string ImageUrl = "https://fastly.picsum.photos/id/84/1280/848.jpg?hmac=YFRYDI4UsfbeTzI8ZakNOR98wVU7a-9a2tGF542539s";

    public static Command Create(CliEnvironment environment, TextWriter stdout, TextWriter stderr)
    {
        var options = new CommonOptions();
        var command = new Command("demo", "Embed the launch post's text and image with jina-clip-v1 and print their cosine.");
        options.AddConnection(command);
        command.SetAction((result, ct) => CliApp.Guard(stderr, async () =>
        {
            var offline = string.IsNullOrWhiteSpace(result.GetValue(options.ApiKey) ?? environment.ApiKey);
            using var client = ClientFactory.Create(result.GetValue(options.ApiKey), result.GetValue(options.BaseUrl), environment, stderr);
            var embeddings = await client.EmbedAsync(
                [Text, EmbeddingInput.FromImageUrl(ImageUrl)], new EmbeddingOptions { Model = JinaModels.ClipV1 }, ct);
            var cosine = VectorMath.CosineSimilarity(embeddings[0], embeddings[1]);
            if (result.GetValue(options.Json))
            {
                var output = new DemoOutput(embeddings.Model, Text, ImageUrl, embeddings[0].Dimensions, embeddings[1].Dimensions, cosine, UsageOutput.From(embeddings.Usage), offline);
                await stdout.WriteLineAsync(JsonSerializer.Serialize(output, CliJsonContext.Default.DemoOutput));
                return 0;
            }

            await stdout.WriteLineAsync($"model         {embeddings.Model}");
            await stdout.WriteLineAsync($"text          \"{Text}\" -> {embeddings[0].Dimensions} dimensions");
            await stdout.WriteLineAsync($"image         {ImageUrl}");
            await stdout.WriteLineAsync($"              -> {embeddings[1].Dimensions} dimensions");
            await stdout.WriteLineAsync($"cosine        {cosine.ToString("0.0000", CultureInfo.InvariantCulture)}");
            await stdout.WriteLineAsync($"tokens used   {CliApp.Describe(embeddings.Usage)}");
            return 0;
        }));
        return command;
    }
}
